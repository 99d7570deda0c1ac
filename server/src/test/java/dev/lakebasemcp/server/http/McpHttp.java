package dev.lakebasemcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw Streamable HTTP session with java.net.http: JSON-RPC bodies in, status and the JSON-RPC reply out
 * (from plain JSON or from the SSE {@code data:} line). Raw on purpose: the bad-input and transport tests send
 * what no SDK client would.
 */
public final class McpHttp {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** What came back: the HTTP status, the body as sent, and the JSON-RPC message in it, if any. */
    public record Reply(int status, String body, JsonNode message) {
        public boolean isJsonRpcError() {
            return message != null && message.has("error");
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;
    private final Map<String, String> headers;
    private String sessionId;

    public McpHttp(String url, Map<String, String> headers) {
        this.url = URI.create(url);
        this.headers = new LinkedHashMap<>(headers);
    }

    public McpHttp(String url) {
        this(url, Map.of());
    }

    /** initialize, then notifications/initialized; keeps the session id for later posts. */
    public Reply initialize() throws Exception {
        Reply r = post("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"lakebase-mcp-it\",\"version\":\"1\"}}}");
        if (r.status() == 200) {
            post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        }
        return r;
    }

    public Reply post(String body) throws Exception {
        return post(HttpRequest.BodyPublishers.ofString(body));
    }

    public Reply post(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(body);
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-06-18");
        }
        headers.forEach(b::header);
        HttpResponse<String> res = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        res.headers().firstValue("mcp-session-id").ifPresent(id -> {
            if (sessionId == null) {
                sessionId = id;
            }
        });
        return new Reply(res.statusCode(), res.body(), message(res.body()));
    }

    /** The JSON-RPC reply to request {@code id}: a call that must come back as a JSON-RPC message. */
    public JsonNode request(String method, String paramsJson, String id) throws Exception {
        Reply r = post("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\""
                + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}");
        if (r.status() != 200 || r.message() == null) {
            throw new AssertionError(method + " got HTTP " + r.status() + ": " + r.body());
        }
        return r.message();
    }

    private static JsonNode message(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String json = body.strip();
        if (!json.startsWith("{") && !json.startsWith("[")) {
            StringBuilder data = new StringBuilder();
            for (String line : body.split("\r?\n")) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            json = data.toString();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * One HTTP/1.1 POST over a plain socket, for headers java.net.http will not send (Host). Returns the
     * status code.
     */
    public static int rawPost(String host, int port, Map<String, String> headers, String body) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(30_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder("POST /mcp HTTP/1.1\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                    .append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != -1 && c != '\n'; ) {
                line.write(c);
            }
            String status = line.toString(StandardCharsets.US_ASCII);
            String[] parts = status.split(" ");
            if (parts.length < 2) {
                throw new IOException("no HTTP status line: '" + status + "'");
            }
            return Integer.parseInt(parts[1]);
        }
    }
}
