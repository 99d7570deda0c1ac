package dev.lakebasemcp.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.server.conformance.ConformanceFixtures;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamable HTTP as an operator runs it: loopback by default, DNS-rebinding protection (Host 421, Origin 403),
 * a bearer token required off loopback, a request size limit, and no conformance fixtures without the flag.
 * One default server for the class; the token cases start their own.
 */
class HttpTransportIT {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final String TOKEN = "it-token-0123456789-0123456789-0123456789";

    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.http(List.of(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        Optional<InetAddress> other = nonLoopbackAddress();
        if (other.isPresent()) {
            // Bound to 127.0.0.1, the port is closed on every other interface.
            assertThrows(ConnectException.class, () -> new Socket(other.get(), server.port()).close(),
                    "reachable on " + other.get());
        }
        assertEquals(200, new McpHttp(server.url()).initialize().status());
    }

    @Test
    void refusesAForeignHostWith421() throws Exception {
        assertEquals(421, McpHttp.rawPost("127.0.0.1", server.port(), Map.of("Host", "evil.example.com"), PING));
        assertEquals(421, McpHttp.rawPost("127.0.0.1", server.port(),
                Map.of("Host", "127.0.0.1:" + (server.port() == 1 ? 2 : server.port() - 1)), PING), "wrong port");
    }

    @Test
    void refusesAForeignOriginWith403() throws Exception {
        McpHttp evil = new McpHttp(server.url(), Map.of("Origin", "http://evil.example.com"));
        assertEquals(403, evil.initialize().status());
        McpHttp sameOrigin = new McpHttp(server.url(), Map.of("Origin", "http://localhost:" + server.port()));
        assertEquals(200, sameOrigin.initialize().status());
    }

    @Test
    void refusesARequestOverFourMebibytesAndKeepsServing() throws Exception {
        McpHttp mcp = new McpHttp(server.url());
        assertEquals(200, mcp.initialize().status());
        String filler = "x".repeat(4 * 1024 * 1024 + 1);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"describe_project\","
                + "\"arguments\":{\"project_id\":\"" + filler + "\"}}}";
        McpHttp.Reply big = mcp.post(HttpRequest.BodyPublishers.ofString(body));
        assertEquals(413, big.status(), big.body());
        assertEquals("{}", mcp.request("ping", null, "after-big").get("result").toString());
    }

    @Test
    void servesNoConformanceFixturesWithoutTheFlag() throws Exception {
        try (McpSyncClient client = sdkClient(server.url(), Map.of())) {
            Set<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
            assertTrue(tools.contains("whoami"), tools.toString());
            List<String> leaked = new ArrayList<>(ConformanceFixtures.TOOL_NAMES);
            leaked.retainAll(tools);
            assertEquals(List.of(), leaked);
            McpSchema.ServerCapabilities caps = client.getServerCapabilities();
            if (caps.resources() != null) {
                assertTrue(client.listResources().resources().stream().noneMatch(r -> r.uri().startsWith("test://")));
            }
            if (caps.prompts() != null) {
                assertTrue(client.listPrompts().prompts().stream().noneMatch(p -> p.name().startsWith("test_")));
            }
        }
    }

    @Test
    void refusesToBindOffLoopbackWithoutAToken() throws Exception {
        try (ServerProcess s = ServerProcess.start(List.of("--transport", "http", "--host", "0.0.0.0", "--port", "0"),
                Map.of())) {
            int code = s.awaitExit(Duration.ofSeconds(60));
            assertNotEquals(0, code, s.stderr());
            assertTrue(s.stderr().contains("LAKEBASE_MCP_TOKEN"), s.stderr());
            assertFalse(s.stderr().contains("listening on"), s.stderr());
        }
    }

    @Test
    void offLoopbackRequiresTheBearerToken() throws Exception {
        try (ServerProcess s = ServerProcess.http(List.of("--host", "0.0.0.0"), Map.of("LAKEBASE_MCP_TOKEN", TOKEN))) {
            String url = "http://127.0.0.1:" + s.port() + "/mcp";
            assertEquals(401, new McpHttp(url).initialize().status(), "no token");
            assertEquals(401, new McpHttp(url, Map.of("Authorization", "Bearer wrong")).initialize().status());
            assertEquals(401, new McpHttp(url, Map.of("Authorization", "Bearer " + TOKEN + "x")).initialize().status());
            assertEquals(401, new McpHttp(url, Map.of("Authorization", TOKEN)).initialize().status(), "no scheme");
            McpHttp good = new McpHttp(url, Map.of("Authorization", "Bearer " + TOKEN));
            assertEquals(200, good.initialize().status());
            JsonNode tools = good.request("tools/list", null, "t");
            assertTrue(tools.at("/result/tools").size() >= 25, tools.toString());
            try (McpSyncClient client = sdkClient(url, Map.of("Authorization", "Bearer " + TOKEN))) {
                McpSchema.CallToolResult who = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
                assertFalse(Boolean.TRUE.equals(who.isError()), who.toString());
            }
        }
    }

    static McpSyncClient sdkClient(String url, Map<String, String> headers) {
        int path = url.indexOf("/mcp");
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(url.substring(0, path))
                .endpoint("/mcp")
                .requestBuilder(requestWith(headers))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    private static HttpRequest.Builder requestWith(Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder();
        headers.forEach(b::header);
        return b;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
