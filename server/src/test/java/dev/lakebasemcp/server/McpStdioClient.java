package dev.lakebasemcp.server;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the packaged server as a child process and talks to it with the MCP Java SDK's stdio client. */
final class McpStdioClient implements AutoCloseable {

    final McpSyncClient client;

    private McpStdioClient(McpSyncClient client) {
        this.client = client;
    }

    static Path jar() {
        Path p = Paths.get("target", "lakebase-mcp.jar").toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("run the integration tests with `mvn verify`: " + p + " is built in package");
        }
        return p;
    }

    static McpStdioClient start(List<String> serverArgs, Map<String, String> env) {
        return start(serverArgs, env, null);
    }

    /** With {@code elicitation} non-null the client declares the capability and answers with it. */
    static McpStdioClient start(List<String> serverArgs, Map<String, String> env,
            java.util.function.Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation) {
        List<String> args = new ArrayList<>(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-jar", jar().toString()));
        args.addAll(serverArgs);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters params = ServerParameters.builder(java).args(args).env(env).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(line -> System.err.println("[server] " + line));
        var spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120));
        if (elicitation != null) {
            spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
        } else {
            spec.capabilities(McpSchema.ClientCapabilities.builder().build());
        }
        McpSyncClient client = spec.build();
        client.initialize();
        return new McpStdioClient(client);
    }

    McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    static String text(McpSchema.CallToolResult r) {
        StringBuilder s = new StringBuilder();
        for (McpSchema.Content c : r.content()) {
            if (c instanceof McpSchema.TextContent t) {
                s.append(t.text());
            }
        }
        return s.toString();
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
