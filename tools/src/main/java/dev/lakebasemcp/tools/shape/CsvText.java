package dev.lakebasemcp.tools.shape;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes the values {@link CellFormat} makes as CSV records (RFC 4180): what the text content shows. Fields are
 * separated by commas and double-quoted only when they must be, a quote inside doubled. Unlike plain CSV, an
 * empty unquoted field is SQL NULL and {@code ""} the empty string, so the two never look alike.
 *
 * <p>A field is quoted when it is empty or holds a comma, a double quote, a control character (CR and LF
 * included) or a Unicode line separator, when it starts or ends with white space, and when it reads
 * {@code null} in any case: the legend says an empty field is NULL, but a reader that skims should not take
 * the string for NULL either. Arrays, json and jsonb are one field holding their compact JSON.
 *
 * <p>A quoted field may span lines; nothing here keeps a record on one line. What stops a value from closing
 * the {@link UntrustedText} fence is the fence's tag, which is chosen not to occur in the data.
 */
public final class CsvText {

    private CsvText() {
    }

    /** One record, without its line end. */
    public static void append(StringBuilder b, List<?> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            field(b, row.get(i));
        }
    }

    /** One field; nothing for null. */
    public static void field(StringBuilder b, Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigDecimal) {
            b.append(v); // digits, sign, '.', 'E', true, false: never needs quotes
            return;
        }
        int start = b.length();
        if (v instanceof String s) {
            b.append(s);
        } else {
            JsonText.append(b, v); // lists, maps, JSON nodes: compact JSON on one line
        }
        if (needsQuotes(b, start)) {
            String raw = b.substring(start);
            b.setLength(start);
            b.append('"');
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    b.append('"');
                }
                b.append(c);
            }
            b.append('"');
        }
    }

    private static boolean needsQuotes(CharSequence s, int start) {
        int n = s.length() - start;
        if (n == 0) {
            return true;
        }
        if (isSpace(s.charAt(start)) || isSpace(s.charAt(s.length() - 1))) {
            return true;
        }
        if (n == 4 && s.subSequence(start, s.length()).toString().equalsIgnoreCase("null")) {
            return true;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
