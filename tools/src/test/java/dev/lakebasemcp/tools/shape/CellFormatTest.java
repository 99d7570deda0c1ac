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
    void offsetsBecomeIso() {
        assertEquals("2024-01-01T00:00:00+00:00", CellFormat.TIMESTAMPTZ.value("2024-01-01 00:00:00+00"));
        assertEquals("2024-01-01T00:00:00+05:30", CellFormat.TIMESTAMPTZ.value("2024-01-01 00:00:00+05:30"));
        assertEquals("0044-03-15 00:00:00+00 BC", CellFormat.TIMESTAMPTZ.value("0044-03-15 00:00:00+00 BC"));
        assertEquals("-infinity", CellFormat.TIMESTAMPTZ.value("-infinity"));
    }

    @Test
    void jsonTextEscapesSoARowIsOneLine() {
        StringBuilder b = new StringBuilder();
        JsonText.append(b, Arrays.asList("a\nb\u2028c\u0001", null, "null", 1L));
        assertEquals("[\"a\\nb\\u2028c\\u0001\",null,\"null\",1]", b.toString());
    }
}
