package dev.lakebasemcp.tools.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellFormatTest {

    @Test
    void arraysParseNestedQuotedAndNull() {
        assertEquals(Arrays.asList(1L, null, 3L), CellFormat.array("{1,NULL,3}", CellFormat.INTEGER));
        assertEquals(Arrays.asList("a b", "NULL", "x\\y", null), CellFormat.array("{\"a b\",\"NULL\",\"x\\\\y\",NULL}",
                CellFormat.TEXT));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), CellFormat.array("{{1,2},{3,4}}", CellFormat.INTEGER));
        assertEquals("[0:1]={1,2}", CellFormat.array("[0:1]={1,2}", CellFormat.INTEGER), "explicit bounds stay text");
    }

    @Test
    void zeroOffsetsBecomeZAndOthersFullIso() {
        assertEquals("2026-01-01T00:01:00Z", CellFormat.TIMESTAMPTZ.value("2026-01-01 00:01:00+00"));
        assertEquals("2024-05-01T10:34:56.123456Z", CellFormat.TIMESTAMPTZ.value("2024-05-01 10:34:56.123456+00"));
        assertEquals("2024-05-01T10:34:56.5Z", CellFormat.TIMESTAMPTZ.value("2024-05-01 10:34:56.5+00"));
        assertEquals("2024-01-01T00:00:00+05:30", CellFormat.TIMESTAMPTZ.value("2024-01-01 00:00:00+05:30"));
        assertEquals("2024-01-01T00:00:00-08:00", CellFormat.TIMESTAMPTZ.value("2024-01-01 00:00:00-08"));
        assertEquals("1850-01-01T00:00:00+00:19:32", CellFormat.TIMESTAMPTZ.value("1850-01-01 00:00:00+00:19:32"),
                "a historic offset with seconds is kept");
        assertEquals("0044-03-15 00:00:00+00 BC", CellFormat.TIMESTAMPTZ.value("0044-03-15 00:00:00+00 BC"));
        assertEquals("-infinity", CellFormat.TIMESTAMPTZ.value("-infinity"));
        assertEquals("infinity", CellFormat.TIMESTAMPTZ.value("infinity"));
        assertEquals("12:00:00Z", CellFormat.TIMETZ.value("12:00:00+00"));
        assertEquals("12:00:00.25+05:30", CellFormat.TIMETZ.value("12:00:00.25+05:30"));
        assertEquals("01:02:03-08:00", CellFormat.TIMETZ.value("01:02:03-08"));
        assertEquals("2024-05-01T12:34:56", CellFormat.TIMESTAMP.value("2024-05-01 12:34:56"), "no zone, none added");
        assertEquals(List.of("2024-01-01T00:00:00Z"), CellFormat.array("{\"2024-01-01 00:00:00+00\"}",
                CellFormat.TIMESTAMPTZ));
    }

    @Test
    void jsonTextEscapesSoARowIsOneLine() {
        StringBuilder b = new StringBuilder();
        JsonText.append(b, Arrays.asList("a\nb\u2028c\u0001", null, "null", 1L));
        assertEquals("[\"a\\nb\\u2028c\\u0001\",null,\"null\",1]", b.toString());
    }
}
