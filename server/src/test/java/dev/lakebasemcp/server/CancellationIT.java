package dev.lakebasemcp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Raw JSON-RPC over stdio, as a client writes it: progress notifications reach a client that sent a progress
 * token, and notifications/cancelled stops a running SQL statement on the server.
 */
class CancellationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void progressIsReportedAndCancellationStopsARunningStatement() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path dataDir = Files.createTempDirectory("lakebase-mcp-cancel");
        Process p = new ProcessBuilder(java, "-Xlog:disable", "-Xlog:all=warning:stderr", "-jar",
                McpStdioClient.jar().toString(), "--local", "--data-dir", dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    frames.add(JSON.readTree(line));
                }
            } catch (Exception e) {
                // process gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        OutputStream in = p.getOutputStream();
        try {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            await(frames, 1, new ArrayList<>());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"create_project\","
                    + "\"arguments\":{\"project_id\":\"slow\"},\"_meta\":{\"progressToken\":\"p-2\"}}}");
            List<JsonNode> seen = new ArrayList<>();
            JsonNode created = await(frames, 2, seen);
            assertFalse(created.path("result").path("isError").asBoolean(), created.toString());
            assertTrue(seen.stream().anyMatch(f -> "notifications/progress".equals(f.path("method").asText())
                    && "p-2".equals(f.path("params").path("progressToken").asText())), "no progress: " + seen);

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"run_sql\","
                    + "\"arguments\":{\"project_id\":\"slow\",\"sql\":\"select count(*) from generate_series(1, 4000000000)\","
                    + "\"statement_timeout_ms\":120000}}}");
            Thread.sleep(1500);
            long cancelledAt = System.nanoTime();
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3,"
                    + "\"reason\":\"the person changed their mind\"}}");
            JsonNode answer = await(frames, 3, new ArrayList<>());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
            assertNotNull(answer);
            assertTrue(tookMs < 15_000, "the statement went on for " + tookMs + " ms after cancellation");
            assertTrue(answer.path("result").path("isError").asBoolean(), answer.toString());
            // And the server still serves.
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"run_sql\","
                    + "\"arguments\":{\"project_id\":\"slow\",\"sql\":\"select 1\"}}}");
            JsonNode ok = await(frames, 4, new ArrayList<>());
            assertFalse(ok.path("result").path("isError").asBoolean(), ok.toString());
        } finally {
            in.close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            DataDirs.delete(dataDir);
        }
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The response with this id; every other frame read on the way goes to {@code others}. */
    private static JsonNode await(BlockingQueue<JsonNode> frames, int id, List<JsonNode> others) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode f = frames.poll(1, TimeUnit.SECONDS);
            if (f == null) {
                continue;
            }
            if (f.has("id") && f.get("id").asInt() == id && !f.has("method")) {
                return f;
            }
            others.add(f);
        }
        throw new AssertionError("no response to " + id + "; saw " + others);
    }
}
