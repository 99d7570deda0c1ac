package dev.lakebasemcp.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The stdio transport's threads: handlers run concurrently, a busy server still reads (a ping is answered while
 * every handler is blocked), at most {@link StdioTransport#MAX_THREADS} handle messages at once, and the
 * requests past that are answered once threads free up.
 */
class StdioTransportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFloodIsServedByAtMostMaxThreadsAndEveryRequestIsAnswered() throws Exception {
        int calls = StdioTransport.MAX_THREADS + 8;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 20);
        Frames out = new Frames();
        StdioTransport transport = new StdioTransport(serverIn, out, McpJsonDefaults::getMapper, new Cancellations(),
                () -> { }, 30_000, null);
        McpSyncServer server = McpServer.sync(transport).serverInfo("t", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build()).immediateExecution(true)
                .toolCall(McpSchema.Tool.builder().name("block").inputSchema(Map.of("type", "object")).build(),
                        (exchange, request) -> {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            running.decrementAndGet();
                            return McpSchema.CallToolResult.builder().addTextContent("done").build();
                        })
                .build();
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        out.await(1);
        // A few blocked calls, then a ping: it is read and answered while they wait.
        for (int i = 1; i <= 4; i++) {
            send(toServer, call(i));
        }
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":\"ping\",\"method\":\"ping\"}");
        out.await(2);
        assertTrue(out.ids().contains("\"ping\""), out.ids().toString());
        for (int i = 5; i <= calls; i++) {
            send(toServer, call(i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.get() < StdioTransport.MAX_THREADS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // time for any thread past the cap to show up
        assertEquals(StdioTransport.MAX_THREADS, most.get(), "handlers running at once");
        release.countDown();
        out.await(2 + calls);
        Set<String> ids = out.ids();
        for (int i = 1; i <= calls; i++) {
            assertTrue(ids.contains(String.valueOf(i)), "no answer to call " + i + ": " + ids);
        }
        toServer.close();
        transport.awaitEnd();
        server.closeGracefully();
    }

    /**
     * An agent's calls come one after another: the next request arrives as soon as the answer is out, often
     * before the thread that wrote it is back to read. Here the client sends it from inside the write itself, the
     * worst case: a third thread is then needed, and it must be kept rather than ended and started again and
     * again (each start was on a request's path).
     */
    @Test
    void callsOneAfterAnotherDoNotStartAThreadEachTime() throws Exception {
        int calls = 5000;
        java.util.concurrent.BlockingQueue<byte[]> toServer = new java.util.concurrent.LinkedBlockingQueue<>();
        AtomicInteger next = new AtomicInteger(1);
        CountDownLatch allAnswered = new CountDownLatch(1);
        Frames out = new Frames(line -> {
            int n = next.getAndIncrement();
            if (n <= calls) {
                toServer.add(("{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"ping\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                allAnswered.countDown();
            }
        });
        StdioTransport transport = new StdioTransport(new QueueInput(toServer), out, McpJsonDefaults::getMapper,
                new Cancellations(), () -> { }, 30_000, null);
        McpSyncServer server = McpServer.sync(transport).serverInfo("t", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build()).immediateExecution(true)
                .build();
        toServer.add(("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(allAnswered.await(60, TimeUnit.SECONDS), "answers: " + (next.get() - 1));
        int started = transport.threadsStarted();
        toServer.add(new byte[0]); // end of input
        transport.awaitEnd();
        server.closeGracefully();
        // Before the threads were kept: 29 started for 2,000 such calls.
        assertTrue(started <= 12, started + " threads started for " + calls + " calls one after another");
    }

    /** After a burst, threads beyond the spare readers end as they finish, and idle readers beyond two time out. */
    @Test
    void threadsStartedForABurstEndAfterIt() throws Exception {
        int burst = 8;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        java.util.concurrent.BlockingQueue<byte[]> toServer = new java.util.concurrent.LinkedBlockingQueue<>();
        Frames out = new Frames();
        StdioTransport transport = new StdioTransport(new QueueInput(toServer), out, McpJsonDefaults::getMapper,
                new Cancellations(), () -> { }, 30_000, null).keepAlive(java.time.Duration.ofMillis(100));
        McpSyncServer server = McpServer.sync(transport).serverInfo("t", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build()).immediateExecution(true)
                .toolCall(McpSchema.Tool.builder().name("block").inputSchema(Map.of("type", "object")).build(),
                        (exchange, request) -> {
                            running.incrementAndGet();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return McpSchema.CallToolResult.builder().addTextContent("done").build();
                        })
                .build();
        StringBuilder lines = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        for (int i = 1; i <= burst; i++) {
            lines.append(call(i)).append('\n');
        }
        toServer.add(lines.toString().getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (running.get() < burst && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(burst, running.get(), "calls running at once");
        assertTrue(transport.threadsRunning() > burst, transport.threadsRunning() + " threads");
        release.countDown();
        out.await(1 + burst);
        while (transport.threadsRunning() > StdioTransport.IDLE_READERS && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(StdioTransport.IDLE_READERS, transport.threadsRunning(), "threads left once idle");
        // And the server still reads: a ping is answered.
        toServer.add("{\"jsonrpc\":\"2.0\",\"id\":\"ping\",\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));
        out.await(2 + burst);
        toServer.add(new byte[0]);
        transport.awaitEnd();
        server.closeGracefully();
    }

    /** stdin fed from a queue; an empty array is the end of input. */
    private static final class QueueInput extends java.io.InputStream {
        private final java.util.concurrent.BlockingQueue<byte[]> queue;
        private byte[] current = new byte[0];
        private int pos;
        private boolean end;

        QueueInput(java.util.concurrent.BlockingQueue<byte[]> queue) {
            this.queue = queue;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (end) {
                return -1;
            }
            if (pos >= current.length) {
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                pos = 0;
                if (current.length == 0) {
                    end = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static String call(int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"block\"}}";
    }

    private static void send(OutputStream to, String line) throws IOException {
        to.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        to.flush();
    }

    /**
     * stdout as the client sees it: the ids of the answers, whole lines only. {@code onLine} sees each line first,
     * on the writing thread, before the write returns.
     */
    private static final class Frames extends OutputStream {
        private final StringBuilder text = new StringBuilder();
        private final Set<String> ids = new HashSet<>();
        private final java.util.function.Consumer<String> onLine;

        Frames() {
            this(line -> { });
        }

        Frames(java.util.function.Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            text.append(new String(b, off, len, StandardCharsets.UTF_8));
            int nl;
            while ((nl = text.indexOf("\n")) >= 0) {
                String line = text.substring(0, nl);
                text.delete(0, nl + 1);
                onLine.accept(line);
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n.has("id") && (n.has("result") || n.has("error"))) {
                        ids.add(n.get("id").toString());
                    }
                } catch (IOException e) {
                    ids.add("garbage: " + line);
                }
            }
            notifyAll();
        }

        synchronized Set<String> ids() {
            return new HashSet<>(ids);
        }

        synchronized void await(int answers) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (ids.size() < answers && System.currentTimeMillis() < deadline) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            assertTrue(ids.size() >= answers, "only " + ids.size() + " answers: " + ids);
        }
    }
}
