package dev.lakebasemcp.tools.shape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a Postgres value, given in its text output form, becomes a JSON value. Working from the server's text
 * (the connection turns binary transfer off) keeps every type faithful: numeric keeps its digits, a
 * timestamptz its offset and microseconds, bytea its {@code \x} hex.
 */
public enum CellFormat {
    /** Integers: the text is already a JSON number. */
    INTEGER,
    /** float4/float8: a JSON number, or a string for NaN and the infinities, which JSON has no number for. */
    FLOAT,
    /** numeric and money: a string, so no float ever rounds it. */
    EXACT,
    BOOLEAN,
    /** json/jsonb: the JSON itself, numbers kept exact. */
    JSON,
    /** timestamptz: ISO-8601, {@code 2024-05-01T12:00:00.123456Z} ({@code +hh:mm} if the offset is not zero). */
    TIMESTAMPTZ,
    /** timestamp: ISO-8601 without offset. */
    TIMESTAMP,
    /** timetz: the time with {@code Z} or a full {@code +hh:mm} offset. */
    TIMETZ,
    /** Everything else, as the text Postgres gives (uuid, date, interval, bytea, enums, inet, ranges ...). */
    TEXT;

    static final ObjectMapper JSON_MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** The format of a type named as pgjdbc names it (pg_type.typname; arrays start with {@code _}). */
    public static CellFormat of(String typeName) {
        switch (typeName.toLowerCase(Locale.ROOT)) {
            case "int2": case "int4": case "int8": case "oid": case "xid": case "cid": case "xid8":
                return INTEGER;
            case "float4": case "float8":
                return FLOAT;
            case "numeric": case "money":
                return EXACT;
            case "bool":
                return BOOLEAN;
            case "json": case "jsonb":
                return JSON;
            case "timestamptz":
                return TIMESTAMPTZ;
            case "timestamp":
                return TIMESTAMP;
            case "timetz":
                return TIMETZ;
            default:
                return TEXT;
        }
    }

    /** The JSON-ready value of one non-null text: String, Long/BigDecimal, Boolean or a Jackson node. */
    public Object value(String text) {
        switch (this) {
            case INTEGER:
                return integer(text);
            case FLOAT:
                return isJsonNumber(text) ? new BigDecimal(text) : text;
            case BOOLEAN:
                return text.equals("t") || text.equals("true");
            case JSON:
                try {
                    return JSON_MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    return text; // Postgres validated it on input; only a json value we cannot parse lands here
                }
            case TIMESTAMPTZ:
                return isoOffset(isoDateTime(text));
            case TIMESTAMP:
                return isoDateTime(text);
            case TIMETZ:
                return isoOffset(text);
            default:
                return text;
        }
    }

    private static Object integer(String text) {
        if (text.length() < 19) {
            return Long.parseLong(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return new BigDecimal(text); // xid8 and other unsigned 64-bit values past Long.MAX_VALUE
        }
    }

    private static boolean isJsonNumber(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return (c == '-' ? text.length() > 1 && Character.isDigit(text.charAt(1)) : Character.isDigit(c));
    }

    /** {@code 2024-05-01 12:00:00} becomes {@code 2024-05-01T12:00:00}; infinity and BC dates stay as they are. */
    private static String isoDateTime(String text) {
        if (text.length() > 10 && text.charAt(10) == ' ' && !text.endsWith(" BC")) {
            return text.substring(0, 10) + 'T' + text.substring(11);
        }
        return text;
    }

    /**
     * Postgres ends a timestamptz or timetz with {@code +00}, {@code +05:30} or (historic zones) {@code +00:19:32};
     * ISO-8601 wants {@code Z} for a zero offset and {@code +hh:mm} otherwise. Sessions run in UTC, so a
     * timestamptz always ends in {@code Z}; a timetz keeps the offset it was stored with.
     */
    private static String isoOffset(String text) {
        int colon = text.indexOf(':');
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (colon < 0 || sign < colon || !isOffset(text, sign + 1)) {
            return text; // infinity, BC dates and anything else unexpected stay as Postgres wrote them
        }
        if (isZero(text, sign + 1)) {
            return text.substring(0, sign) + 'Z';
        }
        return text.length() - sign == 3 ? text + ":00" : text;
    }

    /** {@code hh}, {@code hh:mm} or {@code hh:mm:ss} from {@code from} to the end. */
    private static boolean isOffset(String text, int from) {
        int n = text.length() - from;
        if (n != 2 && n != 5 && n != 8) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(from + i);
            if (i % 3 == 2 ? c != ':' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '0' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses an array's text output ({@code {1,NULL,"a b"}}, nested {@code {{1,2},{3,4}}}) into nested lists
     * of element values in {@code element}'s format. Arrays with explicit bounds ({@code [0:1]={1,2}}) and
     * anything unexpected stay a string rather than being guessed at.
     */
    public static Object array(String text, CellFormat element) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return text;
        }
        // Box (only) uses ';' as its array delimiter; it renders as text anyway.
        int[] pos = {0};
        Object parsed = parseArray(text, pos, element);
        return parsed == null || pos[0] != text.length() ? text : parsed;
    }

    private static List<Object> parseArray(String s, int[] pos, CellFormat element) {
        List<Object> out = new ArrayList<>();
        int i = pos[0] + 1; // past '{'
        int n = s.length();
        if (i < n && s.charAt(i) == '}') {
            pos[0] = i + 1;
            return out;
        }
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{') {
                pos[0] = i;
                List<Object> inner = parseArray(s, pos, element);
                if (inner == null) {
                    return null;
                }
                out.add(inner);
                i = pos[0];
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                if (i >= n) {
                    return null;
                }
                i++; // closing quote
                out.add(element.value(b.toString()));
            } else {
                int start = i;
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != '}') {
                    i++;
                }
                String raw = s.substring(start, i).trim();
                out.add(raw.equals("NULL") ? null : element.value(raw));
            }
            if (i >= n) {
                return null;
            }
            if (s.charAt(i) == ',') {
                i++;
            } else if (s.charAt(i) == '}') {
                pos[0] = i + 1;
                return out;
            } else {
                return null;
            }
        }
        return null;
    }
}
