package dev.lakebasemcp.server.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** notifications/cancelled over Streamable HTTP stops a running SQL statement, as it does over stdio. */
class HttpCancellationIT {

    @Test
    void cancellationStopsARunningStatement() throws Exception {
        try (ServerProcess server = ServerProcess.http(List.of(), Map.of())) {
            McpHttp mcp = new McpHttp(server.url());
            mcp.initialize();
            JsonNode created = mcp.request("tools/call", "{\"name\":\"create_project\",\"arguments\":{\"project_id\":\"slow\"}}",
                    "c1");
            assertFalse(created.at("/result/isError").asBoolean(true), created.toString());
            CompletableFuture<McpHttp.Reply> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return mcp.post("{\"jsonrpc\":\"2.0\",\"id\":\"long\",\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"run_sql\",\"arguments\":{\"project_id\":\"slow\",\"sql\":"
                            + "\"select count(*) from generate_series(1, 4000000000)\",\"statement_timeout_ms\":120000}}}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            long cancelledAt = System.nanoTime();
            mcp.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"long\"}}");
            McpHttp.Reply reply = running.get(60, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
            assertTrue(tookMs < 15_000, "the statement went on for " + tookMs + " ms after cancellation");
            assertTrue(reply.message() == null || reply.message().at("/result/isError").asBoolean(false),
                    "a cancelled call must not come back as a success: " + reply.body());
            JsonNode after = mcp.request("tools/call", "{\"name\":\"run_sql\",\"arguments\":{\"project_id\":\"slow\","
                    + "\"sql\":\"select 1\"}}", "after");
            assertFalse(after.at("/result/isError").asBoolean(true), after.toString());
        }
    }
}
