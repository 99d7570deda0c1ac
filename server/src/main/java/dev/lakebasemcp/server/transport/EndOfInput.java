package dev.lakebasemcp.server.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * stdin as the stdio transport reads it, one JSON-RPC line at a time, with four jobs done on the way:
 * it answers malformed frames itself with a JSON-RPC error and drops them (the SDK's stdio transport stops
 * reading at the first frame it cannot deserialize); it tells when the client closed stdin (the signal to shut
 * down); it counts requests for {@link Inflight}; and it handles cancellation, which the SDK does not: a tool
 * call gets its own id in {@code _meta}, and a notifications/cancelled marks that id in {@link Cancellations}.
 * Every line is parsed once, here.
 */
public final class EndOfInput extends InputStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NONE = new byte[0];

    private final InputStream in;
    private final Inflight inflight;
    private final Cancellations cancellations;
    private final OutputStream replies;
    private final long drainMillis;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final byte[] chunk = new byte[65536];
    private int chunkPos;
    private int chunkLen;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private byte[] current = NONE;
    private int pos;
    private boolean eof;

    /**
     * @param drainMillis at the end of input, how long to wait for answers to requests still running
     * @param replies where refusals of malformed frames go: stdout, line-atomic ({@link WholeLines}) */
    public EndOfInput(InputStream in, Inflight inflight, Cancellations cancellations, OutputStream replies,
            long drainMillis) {
        this.in = in;
        this.drainMillis = drainMillis;
        this.inflight = inflight;
        this.cancellations = cancellations;
        this.replies = replies;
    }

    @Override
    public int read() throws IOException {
        if (pos >= current.length && !fill()) {
            return -1;
        }
        return current[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= current.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    /** Reads the next whole line (or the last partial one) into {@code current}; false at end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        line.reset();
        while (true) {
            if (chunkPos >= chunkLen) {
                int n;
                try {
                    n = in.read(chunk, 0, chunk.length);
                } catch (IOException e) {
                    finish();
                    throw e;
                }
                if (n < 0) {
                    // The SDK drops requests still running when its reader sees the end of input: hold the end
                    // back until every request read so far has its answer.
                    try {
                        inflight.awaitQuiet(drainMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finish();
                    if (line.size() == 0) {
                        return false;
                    }
                    current = process(line.toByteArray(), false);
                    pos = 0;
                    return current != null || fill();
                }
                chunkPos = 0;
                chunkLen = n;
            }
            int start = chunkPos;
            while (chunkPos < chunkLen && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            line.write(chunk, start, chunkPos - start);
            if (chunkPos < chunkLen) {
                chunkPos++;
                current = process(line.toByteArray(), true);
                pos = 0;
                if (current != null) {
                    return true;
                }
                current = NONE;
                line.reset();
            }
        }
    }

    private void finish() {
        eof = true;
        closed.countDown();
    }

    /** The line to hand on to the SDK, or null when it was malformed and has been answered here. */
    private byte[] process(byte[] raw, boolean newline) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node != null && node.has("method") && node.hasNonNull("id")) {
            inflight.requestRead(node.get("id").toString());
        }
        Optional<JsonRpcFrames.Refusal> refusal = JsonRpcFrames.check(node);
        if (refusal.isPresent()) {
            replies.write((refusal.get().json() + "\n").getBytes(StandardCharsets.UTF_8));
            replies.flush();
            return null;
        }
        byte[] out = cancellations.admit(node) ? JSON.writeValueAsBytes(node) : raw;
        if (!newline) {
            return out;
        }
        byte[] withNewline = new byte[out.length + 1];
        System.arraycopy(out, 0, withNewline, 0, out.length);
        withNewline[out.length] = '\n';
        return withNewline;
    }

    public void await() throws InterruptedException {
        closed.await();
    }
}
