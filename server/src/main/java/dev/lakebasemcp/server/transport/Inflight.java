package dev.lakebasemcp.server.transport;

import java.util.HashSet;
import java.util.Set;

/**
 * The requests read from stdin that have no answer yet, by JSON-RPC id, so that a client that sends its last
 * request and closes stdin at once still gets every answer before the server exits.
 */
final class Inflight {

    private final Set<String> open = new HashSet<>();

    /** The key of a JSON-RPC id as bound by the SDK: {@code 7} and {@code "7"} are different requests. */
    static String key(Object id) {
        return (id instanceof String ? "s:" : "n:") + id;
    }

    synchronized void requestRead(String key) {
        open.add(key);
    }

    synchronized void answered(String key) {
        if (open.remove(key) && open.isEmpty()) {
            notifyAll();
        }
    }

    /** Waits until every request read so far has its answer, or the time is up; false when time ran out. */
    synchronized boolean awaitQuiet(long timeoutMillis) throws InterruptedException {
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
