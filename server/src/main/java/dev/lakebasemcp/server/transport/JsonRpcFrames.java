package dev.lakebasemcp.server.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one inbound frame before the SDK sees it. The SDK's stdio transport stops reading at the first frame it
 * cannot deserialize, and its servlet transport answers one with a serialized Java exception; both must instead
 * answer with a JSON-RPC error (https://www.jsonrpc.org/specification#error_object) and go on serving.
 * Frames are read with {@link FrameCodec#read}: maps, lists and plain values.
 */
public final class JsonRpcFrames {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    /** Marks a frame that is not JSON, for {@link #check(Object)}. */
    static final Object NOT_JSON = new Object();

    private JsonRpcFrames() {
    }

    /** A refused frame: the JSON-RPC error to send back and its code. */
    public record Refusal(String json, int code) {
        /** Over HTTP: an invalid message is a bad request (400); bad params of a valid request are answered (200). */
        public int httpStatus() {
            return code == INVALID_PARAMS ? 200 : 400;
        }
    }

    /** The error to answer instead of passing {@code frame} on, or empty when the frame is well-formed. */
    public static Optional<Refusal> check(String frame) {
        try {
            return check(FrameCodec.read(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return check(NOT_JSON);
        }
    }

    /** The same check on a frame already read ({@link FrameCodec#read}); {@link #NOT_JSON} when it did not parse. */
    static Optional<Refusal> check(Object frame) {
        if (frame == NOT_JSON) {
            return refuse(null, PARSE_ERROR, "Parse error: the frame is not valid JSON");
        }
        if (!(frame instanceof Map<?, ?> msg)) {
            return refuse(null, INVALID_REQUEST, "Invalid Request: a message must be a JSON object (batches are "
                    + "not supported)");
        }
        Object id = msg.get("id");
        boolean hasId = msg.containsKey("id");
        boolean idOk = !hasId || id instanceof String || isInteger(id);
        if (!idOk) {
            return refuse(null, INVALID_REQUEST, "Invalid Request: id must be a string or an integer");
        }
        Object usableId = hasId ? id : null;
        if (!"2.0".equals(msg.get("jsonrpc"))) {
            return refuse(usableId, INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        if (!msg.containsKey("method")) {
            if (hasId && (msg.containsKey("result") || msg.containsKey("error"))) {
                return Optional.empty();
            }
            return refuse(usableId, INVALID_REQUEST, "Invalid Request: method is required");
        }
        Object method = msg.get("method");
        if (!(method instanceof String m) || m.isEmpty()) {
            return refuse(usableId, INVALID_REQUEST, "Invalid Request: method must be a non-empty string");
        }
        Object params = msg.get("params");
        if (msg.containsKey("params") && !(params instanceof Map)) {
            return refuse(usableId, INVALID_PARAMS, "Invalid params: params must be an object");
        }
        if ("tools/call".equals(m) && hasId) {
            if (!(params instanceof Map<?, ?> p) || !(p.get("name") instanceof String)) {
                return refuse(usableId, INVALID_PARAMS, "Invalid params: tools/call needs params.name, the tool's name");
            }
            Object args = p.get("arguments");
            if (args != null && !(args instanceof Map)) {
                return refuse(usableId, INVALID_PARAMS, "Invalid params: tools/call arguments must be an object of "
                        + "named arguments");
            }
        }
        return Optional.empty();
    }

    /** A JSON integer as read: Integer, Long or BigInteger. */
    static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigInteger;
    }

    private static Optional<Refusal> refuse(Object id, int code, String message) {
        return Optional.of(new Refusal(refusal(id, code, message), code));
    }

    /** A JSON-RPC error answer to the message with {@code id} (a string, an integer, or null: unknown). */
    static String refusal(Object id, int code, String message) {
        String idJson = id instanceof String s ? FrameCodec.quote(s) : isInteger(id) ? id.toString() : "null";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"error\":{\"code\":" + code + ",\"message\":"
                + FrameCodec.quote(message) + "}}";
    }
}
