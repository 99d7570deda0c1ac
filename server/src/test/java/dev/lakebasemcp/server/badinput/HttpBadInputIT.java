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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input over Streamable HTTP: the same calls as HTTP bodies to one server, plus malformed bodies. */
class HttpBadInputIT extends BadInputContract {

    /**
     * Bodies the SDK's HttpServletStreamableServerTransportProvider (2.1.0) does not refuse: a "1.0" request is
     * answered as if it were 2.0, and a JSON null gets HTTP 500. Every other malformed body gets HTTP 400, but
     * with a Jackson dump of the Java exception (stack trace included) instead of a JSON-RPC error object; the
     * strict check is the disabled test below.
     */
    private static final Set<String> NOT_REFUSED_TODAY = Set.of("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "null");

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
    void sendUnchecked(String body) throws Exception {
        http.post(body);
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
        if (!NOT_REFUSED_TODAY.contains(frame)) {
            boolean refused = r.status() >= 400 && r.status() < 500 && r.body().contains("message");
            boolean rpcError = r.status() == 200 && r.isJsonRpcError();
            assertTrue(refused || rpcError, "HTTP " + r.status() + ": " + abbreviate(r.body()));
        }
        assertServing();
    }

    @Disabled("product bug: the SDK's servlet transport answers malformed bodies with a serialized Java exception "
            + "(stack trace), accepts jsonrpc 1.0 and gives 500 for null; a frame check in HttpTransport fixes it")
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
