package dev.lakebasemcp.server.transport;

import java.util.LinkedHashMap;
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
     * Reads one valid inbound message ({@link FrameCodec#read}, checked by {@link JsonRpcFrames}) on its way to
     * the SDK: a notifications/cancelled marks its request, and a tools/call gets its own id in {@code _meta}.
     * Returns true when {@code message} was changed (re-serialize it where it travels as bytes).
     */
    @SuppressWarnings("unchecked")
    boolean admit(Object message) {
        if (!(message instanceof Map<?, ?> m)) {
            return false;
        }
        Object method = m.get("method");
        if ("notifications/cancelled".equals(method)) {
            if (m.get("params") instanceof Map<?, ?> params && params.get("requestId") != null) {
                cancel(String.valueOf(params.get("requestId")));
            }
            return false;
        }
        if ("tools/call".equals(method) && m.get("id") != null && m.get("params") instanceof Map<?, ?> params) {
            Map<String, Object> p = (Map<String, Object>) params;
            Object meta = p.get("_meta");
            Map<String, Object> metaMap;
            if (meta instanceof Map<?, ?> existing) {
                metaMap = (Map<String, Object>) existing;
            } else {
                metaMap = new LinkedHashMap<>();
                p.put("_meta", metaMap);
            }
            metaMap.put(META_KEY, String.valueOf(m.get("id")));
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
