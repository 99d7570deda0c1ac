package dev.lakebasemcp.server.cli;

import dev.lakebasemcp.guardrails.confirm.ConfirmationTokens;
import dev.lakebasemcp.server.audit.AuditLog;
import dev.lakebasemcp.server.conformance.ConformanceFixtures;
import dev.lakebasemcp.server.dispatch.ToolDispatcher;
import dev.lakebasemcp.server.features.Features;
import dev.lakebasemcp.server.guard.Confirmations;
import dev.lakebasemcp.server.guard.Guard;
import dev.lakebasemcp.server.guard.Policy;
import dev.lakebasemcp.server.local.Backends;
import dev.lakebasemcp.server.transport.Cancellations;
import dev.lakebasemcp.server.transport.EarlyInitialize;
import dev.lakebasemcp.server.transport.HttpTransport;
import dev.lakebasemcp.server.transport.LazySchemaValidator;
import dev.lakebasemcp.server.transport.StdioTransport;
import dev.lakebasemcp.tools.Handlers;
import dev.lakebasemcp.tools.catalog.Catalog;
import dev.lakebasemcp.tools.lakebase.Facts;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** lakebase-mcp's entry point: builds the graph by hand, starts one transport, runs until the client goes. */
public final class Main {

    public static final String NAME = "lakebase-mcp";
    public static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // stdout carries MCP frames only: take it for the transport, send everything else to stderr.
        OutputStream frames = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        quietLogs();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lakebase-mcp: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.err.println(Options.USAGE);
            return;
        }
        if (options.version()) {
            System.err.println("lakebase-mcp " + VERSION);
            return;
        }
        try {
            System.exit(run(options, System.getenv(), frames));
        } catch (IllegalArgumentException e) {
            // A setting that cannot work (an unsafe bind, a bad key): refuse to start, say why.
            System.err.println("lakebase-mcp: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(Options options, Map<String, String> env, OutputStream frames) throws Exception {
        Backends backends = Backends.choose(options, env);
        Policy policy = new Policy(options.readOnly(), options.project(), options.toolGroups());
        String instructions = instructions(backends, policy);
        Cancellations cancellations = new Cancellations();
        StdioTransport stdio = null;
        if (options.transport() == Options.Transport.STDIO) {
            // Reading starts now and initialize is answered at once (EarlyInitialize); the server is built meanwhile.
            // Lakebase Local starts once the first answers are out, never before them.
            stdio = new StdioTransport(new FileInputStream(FileDescriptor.in), frames, McpJsonDefaults::getMapper,
                    cancellations, () -> backends.startInBackground(options), options.operationTimeout().toMillis() + 30_000,
                    new EarlyInitialize(StdioTransport.PROTOCOL_VERSIONS, capabilitiesJson(options), NAME, VERSION,
                            instructions));
            stdio.start();
        }
        Catalog catalog = Catalog.standard();
        if (stdio != null && !options.conformanceFixtures()) {
            // The fixtures add tools when the server is built: without them the list is known now.
            stdio.answerFirstToolsList(ToolDispatcher.tools(catalog, policy));
        }
        AuditLog audit = new AuditLog(options.auditLogPath(), Clock.systemUTC());
        AtomicBoolean handlersMade = new AtomicBoolean();
        Supplier<Handlers> handlers = memoize(() -> {
            handlersMade.set(true);
            return Handlers.create(backends.lakebase(), policy.view(), options.operationTimeout());
        });
        // On SIGTERM too: close SQL pools and stop Lakebase Local, so no PostgreSQL outlives the server.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (handlersMade.get()) {
                handlers.get().close();
            }
            backends.close();
        }, "lakebase-mcp-shutdown"));
        byte[] sharedKey = confirmationKey(env);
        Guard guard = new Guard(policy, new Confirmations((tool, args) -> handlers.get().impact(tool.name(), args)
                .orElseGet(() -> Impacts.describe(tool, args)), memoize(() -> new ConfirmationTokens(
                sharedKey != null ? sharedKey : randomKey(), Clock.systemUTC()))),
                memoize(() -> new Facts(backends.lakebase())));
        ToolDispatcher dispatcher = new ToolDispatcher(catalog, guard, () -> handlers.get().byName(), audit,
                backends.lakebase().kind().wireName(), () -> backends.lakebase().userName(), cancellations);
        Features features = new Features(backends::lakebase, options.project());
        System.err.println("lakebase-mcp " + VERSION + ": " + backends.description()
                + (options.readOnly() ? ", read-only" : "") + options.project().map(p -> ", project " + p).orElse(""));
        try {
            if (stdio != null) {
                // Handlers run on the thread that read their message (the transport keeps a reader free).
                McpSyncServer server = configure(McpServer.sync(stdio), options, instructions, dispatcher, features)
                        .immediateExecution(true).build();
                stdio.awaitEnd();
                server.closeGracefully();
            } else {
                HttpTransport http = HttpTransport.create(options.host(), options.port(), env.get("LAKEBASE_MCP_TOKEN"),
                        cancellations);
                McpSyncServer server = configure(McpServer.sync(http.provider()), options, instructions, dispatcher, features).build();
                http.start();
                System.err.println("lakebase-mcp: listening on http://" + options.host() + ":" + http.port() + "/mcp");
                backends.startInBackground(options);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.closeGracefully();
                    try {
                        http.close();
                    } catch (Exception e) {
                        // shutting down anyway
                    }
                }));
                http.join();
            }
        } finally {
            audit.close();
            backends.close();
        }
        return 0;
    }

    /**
     * The key confirmation tokens are signed with. Replicas behind a balancer share one through
     * LAKEBASE_MCP_CONFIRMATION_KEY (hex, at least 32 bytes) so each can verify the others' tokens; without
     * it every process draws its own (null here), and its tokens die with it.
     */
    static byte[] confirmationKey(Map<String, String> env) {
        String hex = env.get("LAKEBASE_MCP_CONFIRMATION_KEY");
        if (hex == null || hex.isBlank()) {
            return null;
        }
        if (!hex.matches("(?i)[0-9a-f]{64,}") || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("LAKEBASE_MCP_CONFIRMATION_KEY must be at least 64 hex digits (32 bytes)");
        }
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** Everything both transports share: identity, capabilities, tools, and the optional conformance fixtures. */
    static <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec, Options options, String instructions, ToolDispatcher dispatcher,
            Features features) {
        spec.serverInfo(NAME, VERSION).instructions(instructions).capabilities(capabilities(options))
                .jsonSchemaValidator(new LazySchemaValidator())
                // Elicitation waits for a person: the SDK's 10 s default is far too short.
                .requestTimeout(Duration.ofMinutes(10))
                .tools(dispatcher.specifications());
        features.addTo(spec);
        if (options.conformanceFixtures()) {
            ConformanceFixtures.addTo(spec);
        }
        return spec;
    }

    /**
     * slf4j-simple writes to stderr; keep it to what a person running the server needs. The SDK's warnings about
     * host metadata and OIDC discovery are expected against Lakebase Local. Any -D given on the command line wins.
     */
    private static void quietLogs() {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.com.databricks.sdk") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.databricks.sdk", "error");
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.dev.lakebasemcp") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.lakebasemcp", "info");
        }
    }

    static String instructions(Backends backends, Policy policy) {
        StringBuilder s = new StringBuilder();
        s.append("lakebase-mcp manages Databricks Lakebase Postgres: projects, branches, endpoints (computes), ")
                .append("databases, roles and connections. Connected to: ").append(backends.description()).append('.');
        if (backends.isLocal()) {
            s.append(" This is Lakebase Local, an emulator on embedded PostgreSQL 17: nothing reaches Databricks. ")
                    .append("To use a workspace, restart with --profile NAME or DATABRICKS_HOST set.");
        }
        s.append(" Work on a branch (create_branch with a ttl) rather than on production. Destructive tools ")
                .append("(delete_*, reset_branch) ask the person to confirm; never confirm for them.");
        if (policy.readOnly()) {
            s.append(" The server is read-only: only tools that change nothing are available.");
        }
        policy.projectScope().ifPresent(p -> s.append(" Every tool is confined to project '").append(p).append("'."));
        return s.toString();
    }

    /** What the server offers; {@link #capabilitiesJson} must say the same (the stdio transport checks it). */
    static McpSchema.ServerCapabilities capabilities(Options options) {
        return McpSchema.ServerCapabilities.builder().tools(false).logging()
                .resources(options.conformanceFixtures(), false).prompts(false).completions().build();
    }

    /** {@link #capabilities} as the SDK serializes it, for the early initialize answer. */
    static String capabilitiesJson(Options options) {
        return "{\"completions\":{},\"logging\":{},\"prompts\":{\"listChanged\":false},\"resources\":{\"subscribe\":"
                + options.conformanceFixtures() + ",\"listChanged\":false},\"tools\":{\"listChanged\":false}}";
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<T>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = s.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }
}
