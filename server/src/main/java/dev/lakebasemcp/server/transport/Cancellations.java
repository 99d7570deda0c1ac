package dev.lakebasemcp.server.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests the client cancelled (notifications/cancelled), by JSON-RPC id. The SDK 2.1.0 ignores that
 * notification, so the stdio input is read here first: tool calls get their id in {@code _meta}
 * ({@link #META_KEY}) and a running handler polls {@link #isCancelled}.
 */
public final class Cancellations {

    /** The {@code _meta} key under which a tool call carries its own JSON-RPC id. */
    public static final String META_KEY = "dev.lakebasemcp/request-id";
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();

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
