package dev.lakebasemcp.server.transport;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The requests read from stdin that have no answer yet, by JSON-RPC id, so that a client that sends its last
 * request and closes stdin at once still gets every answer before the server exits.
 */
public final class Inflight {

    private static final byte[] RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);

    private final Set<String> open = new HashSet<>();

    /** A request was read; {@code id} is its id as JSON text ({@code 7} or {@code "a"}). */
    synchronized void requestRead(String id) {
        open.add(id);
    }

    /**
     * A frame written to the client. The SDK's Jackson mapper writes a response's fields in the order
     * jsonrpc, id, result|error; notifications and server requests put method first, so they never match.
     */
    synchronized void frameWritten(byte[] frame, int off, int len) {
        if (open.isEmpty() || len <= RESPONSE_PREFIX.length) {
            return;
        }
        for (int i = 0; i < RESPONSE_PREFIX.length; i++) {
            if (frame[off + i] != RESPONSE_PREFIX[i]) {
                return;
            }
        }
        int start = off + RESPONSE_PREFIX.length;
        int end = start;
        int limit = off + len;
        if (frame[start] == '"') {
            end++;
            while (end < limit && frame[end] != '"') {
                end += frame[end] == '\\' ? 2 : 1;
            }
            end++;
        } else {
            while (end < limit && frame[end] != ',' && frame[end] != '}') {
                end++;
            }
        }
        if (open.remove(new String(frame, start, Math.min(end, limit) - start, StandardCharsets.UTF_8))) {
            notifyAll();
        }
    }

    /** Waits until every request read so far has its answer, or the time is up. */
    public synchronized boolean awaitQuiet(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!open.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
