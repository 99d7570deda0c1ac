package dev.lakebasemcp.server.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.server.http.McpHttp;
import dev.lakebasemcp.server.http.ServerProcess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input over Streamable HTTP: the same calls as HTTP bodies to one server, plus malformed bodies. */
class HttpBadInputIT extends BadInputContract {

    private ServerProcess server;
    private McpHttp http;

    @Override
    void open() throws Exception {
        server = ServerProcess.http(List.of(), Map.of());
        http = new McpHttp(server.url());
        McpHttp.Reply init = http.initialize();
        if (init.status() != 200) {
            throw new IllegalStateException("initialize: HTTP " + init.status() + " " + init.body());
        }
    }

    @Override
    JsonNode call(String body, String id) throws Exception {
        McpHttp.Reply r = http.post(body);
        if (r.status() != 200 || r.message() == null) {
            throw new AssertionError("HTTP " + r.status() + " with no JSON-RPC reply: " + abbreviate(r.body()));
        }
        return r.message();
    }

    @Override
    void shut() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static List<String> frames() {
        return BadCalls.malformedFrames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    @Order(3)
    void refusesAMalformedBodyAndKeepsServing(String frame) throws Exception {
        McpHttp.Reply r = http.post(frame);
        boolean refused = r.status() >= 400 && r.status() < 500 && r.body().contains("message");
        boolean rpcError = r.status() == 200 && r.isJsonRpcError();
        assertTrue(refused || rpcError, "HTTP " + r.status() + ": " + abbreviate(r.body()));
        assertServing();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    @Order(4)
    void answersAMalformedBodyWithAJsonRpcError(String frame) throws Exception {
        McpHttp.Reply r = http.post(frame);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.isJsonRpcError(), abbreviate(r.body()));
        assertEquals("2.0", r.message().path("jsonrpc").asText(), r.body());
        assertFalse(r.body().contains("stackTrace"), abbreviate(r.body()));
    }
}
