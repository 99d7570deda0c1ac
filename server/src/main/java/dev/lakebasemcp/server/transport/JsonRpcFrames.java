package dev.lakebasemcp.server.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Checks one inbound frame before the SDK sees it. The SDK's stdio transport stops reading at the first frame it
 * cannot deserialize, and its servlet transport answers one with a serialized Java exception; both must instead
 * answer with a JSON-RPC error (https://www.jsonrpc.org/specification#error_object) and go on serving.
 */
public final class JsonRpcFrames {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    private static final ObjectMapper JSON = new ObjectMapper();

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
            return check(JSON.readTree(frame));
        } catch (JsonProcessingException e) {
            return check((JsonNode) null);
        }
    }

    /** The same check on a frame already parsed; null means it did not parse. */
    public static Optional<Refusal> check(JsonNode msg) {
        if (msg == null) {
            return refuse(null, PARSE_ERROR, "Parse error: the frame is not valid JSON");
        }
        if (msg.isMissingNode() || !msg.isObject()) {
            return refuse(null, INVALID_REQUEST, "Invalid Request: a message must be a JSON object (batches are "
                    + "not supported)");
        }
        JsonNode id = msg.get("id");
        boolean idOk = id == null || id.isTextual() || id.isIntegralNumber();
        JsonNode usableId = id != null && idOk ? id : null;
        if (!idOk) {
            return refuse(null, INVALID_REQUEST, "Invalid Request: id must be a string or an integer");
        }
        if (!"2.0".equals(msg.path("jsonrpc").asText(null)) || !msg.path("jsonrpc").isTextual()) {
            return refuse(usableId, INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = msg.get("method");
        if (method == null) {
            if (id != null && (msg.has("result") || msg.has("error"))) {
                return Optional.empty();
            }
            return refuse(usableId, INVALID_REQUEST, "Invalid Request: method is required");
        }
        if (!method.isTextual() || method.asText().isEmpty()) {
            return refuse(usableId, INVALID_REQUEST, "Invalid Request: method must be a non-empty string");
        }
        JsonNode params = msg.get("params");
        if (params != null && !params.isObject()) {
            return refuse(usableId, INVALID_PARAMS, "Invalid params: params must be an object");
        }
        if ("tools/call".equals(method.asText()) && id != null) {
            if (params == null || !params.path("name").isTextual()) {
                return refuse(usableId, INVALID_PARAMS, "Invalid params: tools/call needs params.name, the tool's name");
            }
            JsonNode args = params.get("arguments");
            if (args != null && !args.isNull() && !args.isObject()) {
                return refuse(usableId, INVALID_PARAMS, "Invalid params: tools/call arguments must be an object of "
                        + "named arguments");
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(JsonNode id, int code, String message) {
        return Optional.of(new Refusal(refusal(id, code, message), code));
    }

    /** A JSON-RPC error answer to the message with {@code id} (null: unknown). */
    static String refusal(JsonNode id, int code, String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("code", code).put("message", message);
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        reply.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        reply.set("error", error);
        return reply.toString();
    }
}
