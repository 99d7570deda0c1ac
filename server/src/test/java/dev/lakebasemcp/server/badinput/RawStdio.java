package dev.lakebasemcp.server.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.server.http.McpHttp;
import dev.lakebasemcp.server.http.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The server over stdio, one raw line per frame: whatever the test writes reaches the server unchanged, and
 * every stdout line must be a JSON-RPC message (anything else corrupts the stream and is recorded).
 */
final class RawStdio implements AutoCloseable {

    private final ServerProcess server;
    private final OutputStream stdin;
    private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    /** Every JSON-RPC error received, whatever its id (one to an unparseable frame has id null). */
    final List<JsonNode> errors = new CopyOnWriteArrayList<>();
    final List<String> garbage = new CopyOnWriteArrayList<>();

    private RawStdio(ServerProcess server) {
        this.server = server;
        this.stdin = server.process().getOutputStream();
        Thread t = new Thread(this::readStdout, "stdio-reader");
        t.setDaemon(true);
        t.start();
    }

    static RawStdio start() throws Exception {
        RawStdio s = new RawStdio(ServerProcess.start(List.of(), Map.of()));
        JsonNode init = s.call("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"lakebase-mcp-it\",\"version\":\"1\"}}}",
                "init");
        if (!init.has("result")) {
            throw new IllegalStateException("initialize failed: " + init);
        }
        s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return s;
    }

    synchronized void send(String line) throws IOException {
        stdin.write(line.getBytes(StandardCharsets.UTF_8));
        stdin.write('\n');
        stdin.flush();
    }

    /** Sends one frame and waits for the reply carrying {@code id}. */
    JsonNode call(String line, String id) throws Exception {
        CompletableFuture<JsonNode> reply = replies.computeIfAbsent(id, k -> new CompletableFuture<>());
        send(line);
        try {
            return reply.get(90, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no reply to id " + id + " within 90 s (server alive: " + server.process().isAlive()
                    + ")\nstderr tail:\n" + tail(server.stderr()));
        } finally {
            replies.remove(id);
        }
    }

    ServerProcess server() {
        return server;
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(server.process().getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode msg;
                try {
                    msg = McpHttp.JSON.readTree(line);
                } catch (IOException e) {
                    garbage.add(line);
                    continue;
                }
                if (msg.has("error")) {
                    errors.add(msg);
                }
                JsonNode id = msg.get("id");
                if (id == null || id.isNull()) {
                    continue;
                }
                replies.computeIfAbsent(id.asText(), k -> new CompletableFuture<>()).complete(msg);
            }
        } catch (IOException e) {
            // the server went away
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
            // A stdio server ends when its client closes stdin.
            server.process().waitFor(20, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }
}
