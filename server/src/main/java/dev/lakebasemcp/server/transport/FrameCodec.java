package dev.lakebasemcp.server.transport;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the transports' hot path, on jackson-core's streaming parser and generator alone.
 *
 * <p>Reading: a message becomes plain maps, lists, strings, numbers and booleans, the values Jackson's
 * untyped binding gives ({@code Integer}, {@code Long} or {@code BigInteger} for integers, {@code Double} for
 * other numbers), in one pass; a JSON tree then a record binding cost a fifth of a {@code SELECT 1}'s server CPU
 * with C1 (JFR, JDK 25). Writing: the answer to a tool call whose content is text blocks, the shape every tool
 * here returns, is written field by field in the order the SDK's Jackson mapper writes it (a test compares them
 * byte for byte); anything else is left to that mapper.
 */
final class FrameCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private FrameCodec() {
    }

    /** The one JSON value in {@code bytes}; malformed JSON or anything after the value throws. */
    static Object read(byte[] bytes) throws IOException {
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "no JSON value");
            }
            Object value = value(p, t);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one JSON value");
            }
            return value;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new JsonParseException(p, "unexpected " + k);
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new JsonParseException(p, "unexpected end");
                    }
                    l.add(value(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /**
     * The frame (with its newline) answering request {@code id} with {@code result}, or null when the result
     * holds anything but text blocks and plain JSON values (then the SDK's mapper writes it).
     */
    static byte[] toolAnswer(Object id, McpSchema.CallToolResult result) throws IOException {
        if (!answerable(id) || result.meta() != null || result.content() == null) {
            return null;
        }
        for (McpSchema.Content c : result.content()) {
            if (!(c instanceof McpSchema.TextContent t) || t.annotations() != null || t.meta() != null || t.text() == null) {
                return null;
            }
        }
        if (result.structuredContent() != null && !plain(result.structuredContent(), 0)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            startAnswer(g, id);
            g.writeArrayFieldStart("content");
            for (McpSchema.Content c : result.content()) {
                g.writeStartObject();
                g.writeStringField("type", "text");
                g.writeStringField("text", ((McpSchema.TextContent) c).text());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (result.isError() != null) {
                g.writeBooleanField("isError", result.isError());
            }
            if (result.structuredContent() != null) {
                g.writeFieldName("structuredContent");
                write(g, result.structuredContent());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * The frame (with its newline) answering tools/list request {@code id} with {@code tools} and no cursor, as the
     * SDK's mapper writes a ListToolsResult; null when a tool carries anything else than name, title, description,
     * plain schemas and annotations.
     */
    static byte[] toolsList(Object id, List<McpSchema.Tool> tools) throws IOException {
        if (!answerable(id)) {
            return null;
        }
        for (McpSchema.Tool t : tools) {
            if (t.meta() != null || t.icons() != null || t.name() == null || !plain(t.inputSchema(), 0)
                    || (t.outputSchema() != null && !plain(t.outputSchema(), 0))) {
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32768);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            startAnswer(g, id);
            g.writeArrayFieldStart("tools");
            for (McpSchema.Tool t : tools) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                if (t.title() != null) {
                    g.writeStringField("title", t.title());
                }
                if (t.description() != null) {
                    g.writeStringField("description", t.description());
                }
                if (t.inputSchema() != null) {
                    g.writeFieldName("inputSchema");
                    write(g, t.inputSchema());
                }
                if (t.outputSchema() != null) {
                    g.writeFieldName("outputSchema");
                    write(g, t.outputSchema());
                }
                McpSchema.ToolAnnotations a = t.annotations();
                if (a != null) {
                    g.writeObjectFieldStart("annotations");
                    if (a.title() != null) {
                        g.writeStringField("title", a.title());
                    }
                    booleanField(g, "readOnlyHint", a.readOnlyHint());
                    booleanField(g, "destructiveHint", a.destructiveHint());
                    booleanField(g, "idempotentHint", a.idempotentHint());
                    booleanField(g, "openWorldHint", a.openWorldHint());
                    booleanField(g, "returnDirect", a.returnDirect());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** An id the answers written here carry as the SDK would: a string, or an integer that fits a long. */
    static boolean answerable(Object id) {
        return id instanceof String || id instanceof Integer || id instanceof Long;
    }

    /** An {@link #answerable} id as JSON. */
    static String idJson(Object id) {
        return id instanceof String s ? quote(s) : id.toString();
    }

    /** {@code s} as a JSON string, escaped as the SDK's Jackson mapper escapes it. */
    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** Opens a JSON-RPC answer: {@code {"jsonrpc":"2.0","id":ID,"result":{}, left open for the result's fields. */
    private static void startAnswer(JsonGenerator g, Object id) throws IOException {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeFieldName("id");
        if (id instanceof String s) {
            g.writeString(s);
        } else {
            g.writeNumber(((Number) id).longValue());
        }
        g.writeFieldName("result");
        g.writeStartObject();
    }

    private static void booleanField(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value != null) {
            g.writeBooleanField(name, value);
        }
    }

    /** Only maps with string keys, lists, strings, booleans, null and the usual numbers, not too deep. */
    private static boolean plain(Object v, int depth) {
        if (depth > 64) {
            return false;
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof BigInteger || v instanceof BigDecimal || v instanceof Short || v instanceof Byte) {
            return true;
        }
        if (v instanceof Double d) {
            return !d.isNaN() && !d.isInfinite();
        }
        if (v instanceof Float f) {
            return !f.isNaN() && !f.isInfinite();
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!plain(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                write(g, o);
            }
            g.writeEndArray();
        }
    }
}
