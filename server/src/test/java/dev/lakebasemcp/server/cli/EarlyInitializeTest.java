package dev.lakebasemcp.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakebasemcp.server.transport.Cancellations;
import dev.lakebasemcp.server.transport.EarlyInitialize;
import dev.lakebasemcp.server.transport.StdioTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stdio transport answers {@code initialize} before the SDK's server exists; the SDK then answers the same
 * request and the transport drops that answer after comparing it byte for byte. These tests run the real SDK
 * server behind the real transport and require the comparison to find no difference for every protocol
 * version (supported, unsupported, missing), both id kinds, both capability sets, and instructions that need
 * escaping; and that a wrong early answer is caught.
 */
class EarlyInitializeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTRUCTIONS = "Line one\n\"quoted\" \\ tab\t é ✓ </script> \u2028";

    @Test
    void theEarlyAnswerIsTheSdksAnswer() throws Exception {
        int before = StdioTransport.earlyMismatches();
        for (String flags : List.of("", "--conformance-fixtures")) {
            Options options = flags.isEmpty() ? Options.parse() : Options.parse(flags);
            for (String version : List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "1999-01-01", "")) {
                for (String id : List.of("7", "\"init-1\"", "\"a\\\"b\"", "2147483648")) {
                    String params = version.isEmpty() ? "{\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}"
                            : "{\"protocolVersion\":\"" + version + "\",\"capabilities\":{\"roots\":{\"listChanged\":true}},"
                                    + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}";
                    List<JsonNode> out = session(options, new EarlyInitialize(StdioTransport.PROTOCOL_VERSIONS,
                            Main.capabilitiesJson(options), Main.NAME, Main.VERSION, INSTRUCTIONS),
                            "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":" + params + "}");
                    String label = flags + " " + version + " " + id;
                    assertEquals(2, out.size(), label + ": " + out); // initialize (once) and the call
                    JsonNode init = out.get(0);
                    assertEquals(JSON.readTree(id), init.get("id"), label);
                    String expected = version.isEmpty() || version.startsWith("1999") ? "2025-11-25" : version;
                    assertEquals(expected, init.at("/result/protocolVersion").asText(), label);
                    assertEquals(INSTRUCTIONS, init.at("/result/instructions").asText(), label);
                    // The session took initialize before notifications/initialized: the call sees the client's roots.
                    assertEquals(version.isEmpty() ? "roots false" : "roots true",
                            out.get(1).at("/result/content/0/text").asText(), label + ": " + out.get(1));
                    assertEquals(before, StdioTransport.earlyMismatches(), label);
                }
            }
        }
    }

    @Test
    void theEarlyToolsListIsTheSdks() throws Exception {
        int before = StdioTransport.earlyMismatches();
        for (String[] flags : List.of(new String[0], new String[] {"--read-only"}, new String[] {"--tools", "sql,account"},
                new String[] {"--project", "p1", "--read-only"})) {
            Options options = Options.parse(flags);
            dev.lakebasemcp.server.guard.Policy policy = new dev.lakebasemcp.server.guard.Policy(options.readOnly(),
                    options.project(), options.toolGroups());
            List<McpSchema.Tool> tools = dev.lakebasemcp.server.dispatch.ToolDispatcher.tools(
                    dev.lakebasemcp.tools.catalog.Catalog.standard(), policy);
            String in = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"list-1\",\"method\":\"tools/list\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":\"list-2\",\"method\":\"tools/list\",\"params\":{}}\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StdioTransport transport = new StdioTransport(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
                    out, McpJsonDefaults::getMapper, new Cancellations(), () -> { }, 10_000,
                    new EarlyInitialize(StdioTransport.PROTOCOL_VERSIONS, Main.capabilitiesJson(options), Main.NAME,
                            Main.VERSION, INSTRUCTIONS));
            transport.answerFirstToolsList(tools);
            int answeredBefore = StdioTransport.earlyAnswers();
            transport.start();
            List<io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
            for (McpSchema.Tool t : tools) {
                specs.add(new io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification(t,
                        (exchange, request) -> McpSchema.CallToolResult.builder().addTextContent("-").build()));
            }
            McpSyncServer server = McpServer.sync(transport).serverInfo(Main.NAME, Main.VERSION).instructions(INSTRUCTIONS)
                    .capabilities(Main.capabilities(options)).immediateExecution(true).tools(specs).build();
            transport.awaitEnd();
            server.closeGracefully();
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            String label = String.join(" ", flags);
            assertEquals(3, lines.length, label + ": " + out); // initialize, and each tools/list once
            JsonNode first = JSON.readTree(lines[1]);
            JsonNode second = JSON.readTree(lines[2]);
            assertEquals(tools.size(), first.at("/result/tools").size(), label);
            assertEquals(first.at("/result"), second.at("/result"), label + ": the early list is the SDK's");
            assertEquals(before, StdioTransport.earlyMismatches(), label);
            assertEquals(answeredBefore + 2, StdioTransport.earlyAnswers(), label + ": initialize and the first list early");
        }
    }

    @Test
    void aWrongEarlyAnswerIsCaught() throws Exception {
        Options options = Options.parse();
        int before = StdioTransport.earlyMismatches();
        List<JsonNode> out = session(options, new EarlyInitialize(StdioTransport.PROTOCOL_VERSIONS,
                "{\"tools\":{\"listChanged\":true}}", Main.NAME, Main.VERSION, INSTRUCTIONS),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}");
        assertEquals(2, out.size(), out.toString());
        assertEquals(before + 1, StdioTransport.earlyMismatches());
    }

    @Test
    void unusualRequestsAreLeftToTheSdk() throws Exception {
        Options options = Options.parse();
        // No jsonrpc member, capabilities not an object: answered by the SDK alone (exactly once).
        for (String first : List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":\"all\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"clientInfo\":[1]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}} x")) {
            List<JsonNode> out = session(options, new EarlyInitialize(StdioTransport.PROTOCOL_VERSIONS,
                    "{\"never\":\"sent\"}", Main.NAME, Main.VERSION, INSTRUCTIONS), first);
            for (JsonNode n : out) {
                assertTrue(!n.toString().contains("never"), first + " was answered early: " + n);
            }
            assertTrue(out.size() <= 2, out.toString());
        }
    }

    /** Runs one stdio session of {@code first}, initialized and a ping, to the end of input; returns what came out. */
    private static List<JsonNode> session(Options options, EarlyInitialize early, String first) throws Exception {
        String in = first + "\n{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"ping-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"caps\"}}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdioTransport transport = new StdioTransport(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
                out, McpJsonDefaults::getMapper, new Cancellations(), () -> { }, 10_000, early);
        transport.start();
        McpSyncServer server = McpServer.sync(transport).serverInfo(Main.NAME, Main.VERSION).instructions(INSTRUCTIONS)
                .capabilities(Main.capabilities(options)).immediateExecution(true)
                // What the session learnt from initialize, seen by the call right after notifications/initialized.
                .toolCall(McpSchema.Tool.builder().name("caps").inputSchema(java.util.Map.of("type", "object")).build(),
                        (exchange, request) -> McpSchema.CallToolResult.builder().addTextContent(
                                exchange.getClientCapabilities() == null ? "no capabilities"
                                        : "roots " + (exchange.getClientCapabilities().roots() != null)).build())
                .build();
        transport.awaitEnd();
        server.closeGracefully();
        List<JsonNode> frames = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                frames.add(JSON.readTree(line));
            }
        }
        return frames;
    }
}
