package dev.lakebasemcp.tools.query;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import dev.lakebasemcp.emulator.LakebaseLocal;
import dev.lakebasemcp.emulator.LocalConfig;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One Lakebase Local with one project for a test class, and the SQL tools on it through the real SDK. */
final class LocalFixture implements AutoCloseable {

    final Path base;
    final Path dataDir;
    LocalConfig config;
    LakebaseLocal local;
    final Lakebase lakebase;
    final String project;

    LocalFixture(String project, UnaryOperator<LocalConfig> tune) throws Exception {
        this.project = project;
        this.base = Files.createTempDirectory("lbl-sql");
        // The embedded server runs as an unprivileged user when we are root: it must traverse this.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        this.dataDir = base.resolve("local");
        this.config = tune.apply(LocalConfig.defaults().withDataDir(dataDir).withUserName("tester@lakebase.local")
                .withPort(freePort()));
        this.local = LakebaseLocal.start(config);
        String url = local.url();
        String token = local.token();
        this.lakebase = new Lakebase(Lakebase.Kind.LOCAL,
                () -> new DatabricksConfig().setHost(url).setToken(token).setAuthType("pat"));
        lakebase.postgres().createProject(new CreateProjectRequest().setProjectId(project)
                .setProject(new Project().setSpec(new ProjectSpec().setDisplayName(project)))).waitForCompletion();
    }

    /** Stops and starts Lakebase Local on the same data directory and port: every compute restarts. */
    void restart() throws IOException {
        local.close();
        local = LakebaseLocal.start(config);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Map<String, ToolHandler> handlers(SqlTools tools) {
        Map<String, ToolHandler> h = new HashMap<>();
        tools.register(h);
        return h;
    }

    /** Arguments with project_id filled in; pairs of name and value follow. */
    Arguments args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_id", project);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new Arguments(m);
    }

    static ToolResult.Ok ok(ToolResult r) {
        if (r instanceof ToolResult.Ok ok) {
            return ok;
        }
        throw new AssertionError("expected Ok, got " + ((ToolResult.Failed) r).asStructured());
    }

    static ToolResult.Failed failed(ToolResult r) {
        if (r instanceof ToolResult.Failed f) {
            return f;
        }
        throw new AssertionError("expected Failed, got " + ((ToolResult.Ok) r).structured());
    }

    static ToolResult call(ToolHandler h, Arguments a) {
        return h.call(a, CallContext.NONE);
    }

    @Override
    public void close() throws IOException {
        if (local != null) {
            local.close();
        }
        try (var paths = Files.walk(base)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
