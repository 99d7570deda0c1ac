package dev.lakebasemcp.tools.shape;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link CellFormat} makes as compact JSON, as structuredContent carries them, and measures
 * text as it goes over the wire. Strings are escaped so that a value is always one line.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    public static void append(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            b.append(v);
        } else if (v instanceof BigDecimal d) {
            b.append(d.toString());
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                append(b, list.get(i));
            }
            b.append(']');
        } else if (v instanceof JsonNode node) {
            b.append(node.toString()); // Jackson writes a node compactly, strings escaped
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                append(b, e.getValue());
            }
            b.append('}');
        } else {
            string(b, v.toString());
        }
    }

    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    // Control characters and the line separators some readers treat as line breaks.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    /** The UTF-8 size of {@code s}, written as it is (compact JSON). */
    public static long bytes(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += utf8(s.charAt(i));
        }
        return n;
    }

    /**
     * The UTF-8 size of {@code s} inside a JSON string, without the quotes: a text content block goes over the
     * wire that way. Counts the escapes a JSON writer must make: two bytes for a quote, a backslash, CR, LF or
     * tab, six for the other control characters.
     */
    public static long stringBytes(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else {
                n += utf8(c);
            }
        }
        return n;
    }

    /** A surrogate counts 2: the pair is the 4 bytes of one code point. */
    private static int utf8(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
}
