package dev.lakebasemcp.server.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answer to {@code initialize}, written before the MCP server is built.
 *
 * <p>An agent's client sends {@code initialize} the moment it spawns the server. Building the SDK's server and
 * letting it answer costs most of a start-up, nearly all of it Jackson introspecting the MCP records for the
 * first time, which no class-data archive can store. Everything in the answer is known as soon as the command
 * line is read: the protocol version chosen the SDK's way (the client's if supported, else the newest), the
 * capabilities, the server's name and version, the instructions. So the stdio transport writes this answer as
 * soon as the request is read, with jackson-core alone, and hands the request on to the SDK once the server is
 * built, which puts its session in the same state; the SDK's own answer to that request is then compared with
 * this one and dropped ({@link StdioTransport}). Anything unusual about the request (not the first line, no
 * {@code "jsonrpc":"2.0"}, an odd id, params that are not an object) and this steps aside: the SDK answers.
 */
public final class EarlyInitialize {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<String> versions;
    private final String afterVersion;

    /**
     * @param versions the protocol versions the transport supports, oldest first (the SDK's order)
     * @param capabilities the {@code capabilities} object as the SDK serializes the server's
     */
    public EarlyInitialize(List<String> versions, String capabilities, String name, String version,
            String instructions) {
        this.versions = List.copyOf(versions);
        StringBuilder s = new StringBuilder(256 + instructions.length());
        s.append("\",\"capabilities\":").append(capabilities)
                .append(",\"serverInfo\":{\"name\":").append(quote(name)).append(",\"version\":").append(quote(version))
                .append("},\"instructions\":").append(quote(instructions)).append("}}\n");
        this.afterVersion = s.toString();
    }

    /** The request's id as the SDK binds it (Integer, Long or String) and the answer's frame, with its newline. */
    record Answer(Object id, byte[] frame) {
    }

    /** The answer when {@code line} is a plain initialize request; null to leave it to the SDK. */
    Answer answer(byte[] line) {
        String jsonrpc = null;
        String method = null;
        Object id = null;
        String idJson = null;
        String requested = null;
        boolean params = false;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "jsonrpc" -> jsonrpc = v == JsonToken.VALUE_STRING ? p.getText() : "";
                    case "method" -> method = v == JsonToken.VALUE_STRING ? p.getText() : "";
                    case "id" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            id = p.getText();
                            idJson = quote((String) id);
                        } else if (v == JsonToken.VALUE_NUMBER_INT
                                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                            id = p.getNumberType() == JsonParser.NumberType.INT ? (Object) p.getIntValue()
                                    : (Object) p.getLongValue();
                            idJson = id.toString();
                        } else {
                            return null;
                        }
                    }
                    case "params" -> {
                        if (v != JsonToken.START_OBJECT) {
                            return null;
                        }
                        params = true;
                        requested = protocolVersion(p);
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!"2.0".equals(jsonrpc) || !"initialize".equals(method) || id == null || !params) {
            return null;
        }
        String chosen = requested != null && versions.contains(requested) ? requested : versions.get(versions.size() - 1);
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"result\":{\"protocolVersion\":\"" + chosen
                + afterVersion;
        return new Answer(id, frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the params object to its end; its protocolVersion when it is a string at the top. */
    private static String protocolVersion(JsonParser p) throws IOException {
        String version = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("protocolVersion") && v == JsonToken.VALUE_STRING) {
                version = p.getText();
            } else if ((field.equals("capabilities") || field.equals("clientInfo")) && v != JsonToken.START_OBJECT) {
                throw new IOException(field + " is not an object: the SDK decides");
            } else {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("params did not end");
        }
        return version;
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
