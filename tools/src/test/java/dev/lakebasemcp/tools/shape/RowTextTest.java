package dev.lakebasemcp.tools.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What Jackson puts on the wire for the record with its line end inside a JSON string, without the quotes. */
    private static long textOnWire(String record) throws Exception {
        return MAPPER.writeValueAsString(record + "\n").getBytes(StandardCharsets.UTF_8).length - 2;
    }

    private static long rowOnWire(List<?> row) throws Exception {
        return MAPPER.writeValueAsString(row).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    @Test
    void aPlainRowWeighsItsJsonArray() throws Exception {
        List<Object> row = Arrays.asList(1L, "customer-1", "1.37", "2026-01-01T00:01:00Z");
        RowText out = new RowText();
        long weight = out.render(row);
        assertEquals("1,customer-1,1.37,2026-01-01T00:01:00Z", out.record());
        assertEquals(40, textOnWire(out.record()));
        assertEquals(47, rowOnWire(row));
        assertEquals(47, weight, "the larger of the two");
    }

    @Test
    void aQuoteHeavyRowWeighsItsEscapedCsv() throws Exception {
        List<Object> row = List.of(CellFormat.JSON.value("{\"a\": \"b\"}"));
        RowText out = new RowText();
        long weight = out.render(row);
        assertEquals("\"{\"\"a\"\":\"\"b\"\"}\"", out.record());
        assertEquals(textOnWire(out.record()), weight);
        assertEquals(27, weight);
    }

    @Test
    void weightsMatchJacksonForUnicodeAndControlCharacters() throws Exception {
        for (String s : List.of("Zoë", "日本語", "😀 emoji", "tab\there", "bell\u0007", "back\\slash", "q\"uote",
                "line\nbreak\r\n", "\u007f", "é,\"😀\"\n")) {
            RowText out = new RowText();
            long weight = out.render(List.of(s));
            assertEquals(Math.max(textOnWire(out.record()), rowOnWire(List.of(s))), weight, s);
        }
    }

    @Test
    void shapedOfRendersRecordsAndCountsTheirWeight() {
        Shaped s = Shaped.of(List.of(new Column("a", "text")), List.of(Arrays.asList((Object) null),
                List.of("x")), false, 2L, null);
        assertEquals(List.of("", "x"), s.records());
        assertEquals(Math.max(2, 7) + Math.max(3, 6), s.bytes()); // "[null]," and "[\"x\"],"
    }
}
