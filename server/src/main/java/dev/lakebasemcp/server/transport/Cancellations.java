package dev.lakebasemcp.server.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests the client cancelled (notifications/cancelled), by JSON-RPC id. The SDK 2.1.0 ignores that
 * notification, so inbound messages (stdio lines, HTTP bodies) pass {@link #admit} first: tool calls get their
 * id in {@code _meta} ({@link #META_KEY}) and a running handler polls {@link #isCancelled}.
 */
public final class Cancellations {

    /** The {@code _meta} key under which a tool call carries its own JSON-RPC id. */
    public static final String META_KEY = "dev.lakebasemcp/request-id";
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();

    /**
     * Reads one valid inbound message on its way to the SDK: a notifications/cancelled marks its request, and a
     * tools/call gets its own id in {@code _meta}. Returns true when {@code message} was changed (re-serialize it).
     */
    boolean admit(com.fasterxml.jackson.databind.JsonNode message) {
        String method = message.path("method").asText("");
        if (method.equals("notifications/cancelled")) {
            com.fasterxml.jackson.databind.JsonNode id = message.path("params").path("requestId");
            if (!id.isMissingNode() && !id.isNull()) {
                cancel(id.asText());
            }
            return false;
        }
        if (method.equals("tools/call") && message.hasNonNull("id")
                && message.get("params") instanceof com.fasterxml.jackson.databind.node.ObjectNode params) {
            com.fasterxml.jackson.databind.node.ObjectNode meta = params.get("_meta")
                    instanceof com.fasterxml.jackson.databind.node.ObjectNode m ? m : params.putObject("_meta");
            meta.put(META_KEY, message.get("id").asText());
            return true;
        }
        return false;
    }

    void cancel(String requestId) {
        if (cancelled.size() >= MAX_REMEMBERED) {
            // Ids of long-finished calls: forgetting them costs nothing.
            cancelled.clear();
        }
        cancelled.put(requestId, Boolean.TRUE);
    }

    public boolean isCancelled(Object requestId) {
        return requestId != null && cancelled.containsKey(requestId.toString());
    }

    /** The call ended: its id may be reused by the client. */
    public void forget(Object requestId) {
        if (requestId != null) {
            cancelled.remove(requestId.toString());
        }
    }
}
