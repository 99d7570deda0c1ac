package dev.lakebasemcp.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.WireFormat;
import dev.lakebasemcp.emulator.operation.BranchOperations;
import dev.lakebasemcp.emulator.operation.Credentials;
import dev.lakebasemcp.emulator.operation.EndpointOperations;
import dev.lakebasemcp.emulator.operation.PostgresObjects;
import dev.lakebasemcp.emulator.operation.ProjectOperations;
import dev.lakebasemcp.emulator.store.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of Lakebase Local on 127.0.0.1 (the JDK's server, a small pool): bearer-token auth, SCIM
 * {@code Me}, the postgres API, and 404 for the discovery routes the SDK probes before its first call.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer server;
    private final ExecutorService pool;
    private final byte[] token;
    private final String userName;
    private final PostgresRoutes routes;

    public ApiServer(int port, String token, String userName, ProjectOperations projects, BranchOperations branches,
            EndpointOperations endpoints, PostgresObjects objects, Credentials credentials, MetadataStore store)
            throws IOException {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.userName = userName;
        this.routes = new PostgresRoutes(projects, branches, endpoints, objects, credentials, store);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "lakebase-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::serve);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        Reply reply;
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            reply = answer(exchange, method, path);
        } catch (Refusal r) {
            reply = Reply.error(r.error());
        } catch (Exception | AssertionError e) {
            LOG.warn("{} {} failed", method, path, e);
            reply = Reply.error(ApiError.internal(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        byte[] body = WireFormat.MAPPER.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // one request per connection: a test run once hung forever on a reused keep-alive connection
        // (client waiting for a response the JDK server never sent); local request rates make this cheap
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Reply answer(HttpExchange exchange, String method, String path) throws Exception {
        if (path.startsWith("/.well-known/") || path.startsWith("/oidc/")) {
            // the SDK probes these unauthenticated and accepts 404 (verified, research section 2.1)
            return Reply.error(ApiError.of(404, "NOT_FOUND", "Lakebase Local has no " + path));
        }
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Reply.error(ApiError.of(401, "UNAUTHENTICATED",
                    "Credential was not sent or was of an unsupported type for this API: send"
                            + " 'Authorization: Bearer <token>' with the Lakebase Local token"));
        }
        if (path.equals("/api/2.0/preview/scim/v2/Me")) {
            return Reply.ok(me());
        }
        if (path.startsWith(PostgresRoutes.PREFIX)) {
            return routes.handle(method, decode(path), query(exchange.getRequestURI().getRawQuery()),
                    body(exchange));
        }
        return Reply.error(ApiError.of(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'"));
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring("Bearer ".length()).trim()
                .getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode me() {
        ObjectNode me = WireFormat.MAPPER.createObjectNode();
        me.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        me.put("id", Long.toString(Math.abs((long) userName.hashCode()) + 1_000_000_000L));
        me.put("userName", userName);
        me.put("displayName", userName.contains("@") ? userName.substring(0, userName.indexOf('@')) : userName);
        me.put("active", true);
        ObjectNode email = me.putArray("emails").addObject();
        email.put("value", userName);
        email.put("type", "work");
        email.put("primary", true);
        return me;
    }

    private static String decode(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException, Refusal {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return WireFormat.MAPPER.createObjectNode();
            }
            try {
                return WireFormat.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw new Refusal(ApiError.invalid("request body is not valid JSON: " + e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
