package dev.lakebasemcp.server.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FrameCodec} must read what Jackson's untyped binding reads and write tool answers as the SDK's mapper does. */
class FrameCodecTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void readsWhatJacksonReads() throws Exception {
        for (String json : List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"run_sql\","
                        + "\"arguments\":{\"sql\":\"select 1\",\"max_rows\":10,\"f\":1.5,\"n\":null,\"b\":true}}}",
                "{\"id\":\"a\\\"b\\u00e9\\ud83d\\ude00\",\"x\":[1,-2,3.0e5,-0.0,[],{},[[null]]]}",
                "{\"big\":123456789012345678901234567890,\"long\":9007199254740993,\"int\":2147483647,"
                        + "\"neg\":-2147483649,\"dec\":0.1000000000000000055511151231257827}",
                "[1,2,3]", "\"just a string\"", "42", "true", "null", "{}", "  {\"a\" : { \"b\" : [ ] } }  \n",
                "{\"dup\":1,\"dup\":2}")) {
            Object ours = FrameCodec.read(json.getBytes(StandardCharsets.UTF_8));
            Object theirs = JACKSON.readValue(json, Object.class);
            assertEquals(theirs, ours, json);
            assertEquals(types(theirs), types(ours), json);
        }
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String bad : List.of("", "   ", "{", "{\"a\":}", "[1,]", "{\"a\":1} {\"b\":2}", "{\"a\":1} x", "nul",
                "{'a':1}", "{\"a\":NaN}", "\u0000")) {
            assertThrows(IOException.class, () -> FrameCodec.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void writesToolAnswersAsTheSdkDoes() throws Exception {
        McpJsonMapper sdk = McpJsonDefaults.getMapper();
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("command", "SELECT");
        structured.put("columns", List.of(Map.of("name", "id", "type", "int4")));
        structured.put("rows", List.of(Arrays.asList(1, "customer-1", "1.37", null, true), List.of(2L,
                new BigDecimal("1.50"), new BigInteger("123456789012345678901234567890"), 2.5, -0.0)));
        structured.put("nested", Map.of("e", "\u00e9\ud83d\ude00 \"q\" \\ \n\t\u0001 </script>"));
        structured.put("empty", Map.of());
        List<McpSchema.CallToolResult> results = List.of(
                McpSchema.CallToolResult.builder().addTextContent("SELECT: 1 row").structuredContent(structured)
                        .isError(false).build(),
                McpSchema.CallToolResult.builder().addTextContent("Error (x): bad\nNext: fix it").addTextContent("two")
                        .structuredContent(Map.of("error", "x")).isError(true).build(),
                McpSchema.CallToolResult.builder().addTextContent("no structured content").build(),
                new McpSchema.CallToolResult(List.of(), null, null, null));
        for (Object id : List.of(7, 9_007_199_254_740_993L, "req-1", "q\"u\u00e9")) {
            for (McpSchema.CallToolResult r : results) {
                // Bytes, as the transport writes frames (the SDK's String writer would not escape surrogates).
                byte[] json = sdk.writeValueAsBytes(McpSchema.JSONRPCResponse.result(id, r));
                byte[] expected = Arrays.copyOf(json, json.length + 1);
                expected[json.length] = '\n';
                byte[] ours = FrameCodec.toolAnswer(id, r);
                assertArrayEquals(expected, ours, new String(expected, StandardCharsets.UTF_8) + " vs "
                        + (ours == null ? "null" : new String(ours, StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void leavesOtherShapesToTheSdk() throws Exception {
        McpSchema.CallToolResult image = new McpSchema.CallToolResult(List.of(new McpSchema.ImageContent(null, "AAAA",
                "image/png")), false, null, null);
        assertNull(FrameCodec.toolAnswer(1, image));
        McpSchema.CallToolResult meta = new McpSchema.CallToolResult(List.of(new McpSchema.TextContent("t")), false,
                null, Map.of("k", "v"));
        assertNull(FrameCodec.toolAnswer(1, meta));
        McpSchema.CallToolResult odd = McpSchema.CallToolResult.builder().addTextContent("t")
                .structuredContent(Map.of("when", java.time.Instant.EPOCH)).build();
        assertNull(FrameCodec.toolAnswer(1, odd));
        assertNull(FrameCodec.toolAnswer(1.5, McpSchema.CallToolResult.builder().addTextContent("t").build()));
    }

    /** The Java classes of a read value, all the way down. */
    private static Object types(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> t = new LinkedHashMap<>();
            m.forEach((k, x) -> t.put(k, types(x)));
            return t;
        }
        if (v instanceof List<?> l) {
            List<Object> t = new ArrayList<>();
            l.forEach(x -> t.add(types(x)));
            return t;
        }
        return v == null ? "null" : v.getClass().getName();
    }
}
