package dev.lakebasemcp.server.transport;

import java.nio.charset.StandardCharsets;

/**
 * Counts requests read from stdin and responses written to stdout, so that a client that sends its last
 * request and closes stdin at once still gets every answer before the server exits.
 */
public final class Inflight {

    private static final byte[] RESPONSE_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\"".getBytes(StandardCharsets.US_ASCII);

    private long requests;
    private long responses;

    /** A line read from the client: a request has both an id and a method (a notification has no id). */
    synchronized void lineRead(String line) {
        if (line.contains("\"method\"") && line.contains("\"id\"")) {
            requests++;
        }
    }

    /**
     * A frame written to the client. The SDK's Jackson mapper writes a response's fields in the order
     * jsonrpc, id, result|error; notifications and server requests put method before id.
     */
    synchronized void frameWritten(byte[] frame, int off, int len) {
        if (len < RESPONSE_PREFIX.length) {
            return;
        }
        for (int i = 0; i < RESPONSE_PREFIX.length; i++) {
            if (frame[off + i] != RESPONSE_PREFIX[i]) {
                return;
            }
        }
        responses++;
        notifyAll();
    }

    /** Waits until every request read so far has its response, or the time is up. */
    public synchronized boolean awaitQuiet(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (responses < requests) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
