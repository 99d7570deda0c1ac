package dev.lakebasemcp.tools.query;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import dev.lakebasemcp.guardrails.sql.Statement;
import dev.lakebasemcp.tools.call.ArgumentException;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Defaults;
import dev.lakebasemcp.tools.lakebase.Explain;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.shape.Column;
import dev.lakebasemcp.tools.shape.Shaped;
import dev.lakebasemcp.tools.shape.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * compare_schemas, prepare_migration and complete_migration. A migration is tried on a temporary branch of
 * the target (made and deleted through the SDK, waited for with {@link Operations}), and the SQL that
 * complete applies is the one prepare kept in {@link PreparedMigrations}, never one passed again.
 */
final class MigrationTools {

    static final Duration DEFAULT_TTL = Duration.ofHours(4);
    /** What the diff may put in one answer; a bigger one says truncated and asks for a schema. */
    static final int MAX_DIFFERENCES = 500;
    static final int MAX_DDL_CHARS = 256 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SqlTools sql;
    private final Lakebase lakebase;
    private final Operations operations;
    private final Defaults defaults;
    private final Clock clock;
    private final boolean readOnly;
    private final PreparedMigrations prepared = new PreparedMigrations();

    MigrationTools(SqlTools sql, Lakebase lakebase, Operations operations, Clock clock, boolean readOnly) {
        this.sql = sql;
        this.lakebase = lakebase;
        this.operations = operations;
        this.defaults = new Defaults(lakebase);
        this.clock = clock;
        this.readOnly = readOnly;
    }

    /** A snapshot, or why it could not be read. */
    private record Read(SchemaSnapshot snapshot, ToolResult.Failed failure) {
    }

    private Read snapshot(Target target, String schema, Limits limits) {
        try (ConnectionPools.Lease lease = sql.pools().borrow(target)) {
            try {
                return new Read(SchemaSnapshot.read(lease.connection(), schema, limits), null);
            } catch (SQLException e) {
                lease.evict();
                throw e;
            }
        } catch (SQLException e) {
            return new Read(null, SqlErrors.explain(e, null, limits));
        } catch (DatabricksError e) {
            return new Read(null, Explain.error(e));
        }
    }

    // ---- compare_schemas ----

    ToolResult compare(Arguments args, CallContext ctx) {
        long start = System.nanoTime();
        String project = args.requiredString("project_id");
        String fromBranch = args.string("from_branch_id").orElseGet(() -> defaults.defaultBranchOf(project));
        String toBranch = args.requiredString("to_branch_id");
        String database = args.string("database").orElse(Names.DEFAULT_DATABASE);
        String schema = args.string("schema").orElse(null);
        Read from = snapshot(new Target(project, fromBranch, database), schema, Limits.DEFAULT);
        if (from.failure() != null) {
            return from.failure();
        }
        Read to = snapshot(new Target(project, toBranch, database), schema, Limits.DEFAULT);
        if (to.failure() != null) {
            return to.failure();
        }
        SchemaDiff diff = SchemaDiff.between(from.snapshot(), to.snapshot());
        Map<String, Object> out = new LinkedHashMap<>();
        boolean truncated = putDiff(out, diff);
        out.put("identical", diff.isEmpty());
        out.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
        UntrustedText text = new UntrustedText().line("Schema of " + database + (schema == null ? "" : " (schema "
                + schema + ")") + ": " + fromBranch + " -> " + toBranch + ": " + (diff.isEmpty() ? "identical."
                        : diff.differences().size() + " difference(s)" + (truncated ? ", cut to fit" : "") + "."));
        render(text, diff);
        return ToolResult.ok(text.withNotice(out), text.toString());
    }

    // ---- prepare_migration ----

    ToolResult prepare(Arguments args, CallContext ctx) {
        long start = System.nanoTime();
        if (readOnly) {
            return new ToolResult.Failed("refused_read_only", "the server runs read-only: migrations are not "
                    + "possible", "Only reads run in read-only mode.");
        }
        String project = args.requiredString("project_id");
        String database = args.string("database").orElse(Names.DEFAULT_DATABASE);
        Limits limits = Limits.of(args);
        Duration ttl = args.duration("ttl").orElse(DEFAULT_TTL);
        if (ttl.compareTo(Duration.ofDays(30)) > 0) {
            throw new ArgumentException("ttl must be at most 30 days, got " + ttl.toHours() + " hours");
        }
        boolean keepOnFailure = args.bool("keep_branch_on_failure").orElse(false);
        String migrationSql = args.requiredString("sql");
        Script.Parsed parsed = Script.parse(migrationSql, false, "sql");
        if (parsed instanceof Script.Parsed.Refused r) {
            return r.failure();
        }
        List<Statement> statements = ((Script.Parsed.Ok) parsed).script().statements();
        List<Statement> test = null;
        if (args.has("test_query")) {
            Script.Parsed t = Script.parse(args.requiredString("test_query"), false, "test_query");
            if (t instanceof Script.Parsed.Refused r) {
                return r.failure();
            }
            test = ((Script.Parsed.Ok) t).script().statements();
        }
        prepared.forgetExpired(clock.instant());
        if (prepared.size() >= PreparedMigrations.MAX_OPEN) {
            return new ToolResult.Failed("limit_reached", PreparedMigrations.MAX_OPEN + " migrations are prepared "
                    + "and neither completed nor discarded", "Complete or discard (complete_migration discard=true) "
                    + "the ones you no longer need.");
        }
        String targetBranch = args.string("branch_id").orElseGet(() -> defaults.defaultBranchOf(project));
        String tempBranch = "migration-" + randomSuffix();
        Instant expires = clock.instant().plus(ttl);

        ToolResult.Failed notMade = createBranch(project, targetBranch, tempBranch, ttl, ctx);
        if (notMade != null) {
            return notMade;
        }
        Target temp = new Target(project, tempBranch, database);
        Read before = snapshot(temp, null, limits);
        if (before.failure() != null) {
            return withCleanup(before.failure(), project, tempBranch, "reading its schema failed", ctx);
        }
        ToolResult applied = sql.run(temp, statements, null, limits, SqlExecutor.Mode.ALL_OR_NOTHING, ctx);
        if (applied instanceof ToolResult.Failed f) {
            String why = "The migration failed on temporary branch " + tempBranch + " and was rolled back there: "
                    + "nothing of it was applied, and " + targetBranch + " was not touched. ";
            if (keepOnFailure) {
                prepared.add(new PreparedMigrations.Prepared(tempBranch, project, targetBranch, database,
                        migrationSql, digest(migrationSql), statements, tempBranch, before.snapshot(), expires, true));
                Map<String, Object> details = new LinkedHashMap<>(f.details());
                details.put("migration_id", tempBranch);
                details.put("temp_branch_id", tempBranch);
                return new ToolResult.Failed(f.code(), why + f.message(), "Fix the SQL and prepare again. The "
                        + "temporary branch was kept as asked: inspect it with run_sql branch_id=" + tempBranch
                        + ", then drop it with complete_migration discard=true.", details);
            }
            return withCleanup(new ToolResult.Failed(f.code(), why + f.message(), nextOr(f, "Fix the SQL and call "
                    + "prepare_migration again."), f.details()), project, tempBranch, null, ctx);
        }
        Read after = snapshot(temp, null, limits);
        if (after.failure() != null) {
            return withCleanup(after.failure(), project, tempBranch, "reading its schema after the migration failed",
                    ctx);
        }
        SchemaDiff diff = SchemaDiff.between(before.snapshot(), after.snapshot());
        ToolResult tested = test == null ? null : sql.run(temp, test, null, limits, SqlExecutor.Mode.ROLLBACK, ctx);
        String digest = digest(migrationSql);
        prepared.add(new PreparedMigrations.Prepared(tempBranch, project, targetBranch, database, migrationSql, digest,
                statements, tempBranch, before.snapshot(), expires, false));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("migration_id", tempBranch);
        out.put("temp_branch_id", tempBranch);
        out.put("target_branch_id", targetBranch);
        out.put("database", database);
        out.put("expires", expires.toString());
        out.put("sql_digest", digest);
        out.put("statements", statements.size());
        putDiff(out, diff);
        UntrustedText text = new UntrustedText().line("Migration " + tempBranch + " prepared: " + statements.size()
                + " statement(s) applied in one transaction on temporary branch " + tempBranch + " (a copy of "
                + targetBranch + ", expires " + expires + "); " + targetBranch + " is unchanged. Schema changes: "
                + (diff.isEmpty() ? "none." : diff.differences().size() + "."));
        render(text, diff);
        if (tested instanceof ToolResult.Ok ok) {
            Map<String, Object> testResult = new LinkedHashMap<>(ok.structured());
            testResult.remove(UntrustedText.NOTICE_FIELD); // this result's own notice covers the test's rows
            out.put("test_result", testResult);
            renderTest(text, ok.structured());
        } else if (tested instanceof ToolResult.Failed tf) {
            out.put("test_result", tf.asStructured());
            text.line("Test query failed: " + tf.message());
        }
        out.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
        text.line("Next: show the person these changes. complete_migration migration_id=" + tempBranch + " applies "
                + "the same SQL to " + targetBranch + " (after their confirmation); discard=true drops the temporary "
                + "branch instead.");
        return ToolResult.ok(text.withNotice(out), text.toString());
    }

    private ToolResult.Failed createBranch(String project, String source, String branchId, Duration ttl,
            CallContext ctx) {
        BranchSpec spec = new BranchSpec().setSourceBranch(Names.branch(project, source))
                .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(ttl.getSeconds()).build());
        Operations.Outcome o;
        try {
            var op = lakebase.postgres().createBranch(new CreateBranchRequest().setParent(Names.project(project))
                    .setBranchId(branchId).setBranch(new Branch().setSpec(spec)));
            o = operations.await(op.getName(), "Creating temporary branch " + branchId, ctx);
        } catch (DatabricksError e) {
            return Explain.error(e);
        }
        if (o instanceof Operations.Outcome.Failed f) {
            return Explain.operation(f.errorCode(), f.message());
        }
        if (o instanceof Operations.Outcome.StillRunning r) {
            return new ToolResult.Failed("still_running", "The temporary branch " + branchId + " was still being "
                    + "created when the wait ended" + (r.cancelled() ? " (cancelled)" : "") + "; nothing was applied",
                    "Call prepare_migration again later; " + branchId + " expires by itself (delete_branch removes "
                            + "it sooner).");
        }
        return null;
    }

    /** Deletes the temporary branch and waits; true when it is gone. */
    private boolean deleteBranch(String project, String branchId, CallContext ctx) {
        try {
            var op = lakebase.postgres().deleteBranch(Names.branch(project, branchId));
            return operations.await(op.getName(), "Deleting temporary branch " + branchId, ctx)
                    instanceof Operations.Outcome.Done;
        } catch (DatabricksError e) {
            return "not_found".equals(Explain.error(e).code());
        }
    }

    private ToolResult.Failed withCleanup(ToolResult.Failed f, String project, String tempBranch, String what,
            CallContext ctx) {
        boolean deleted = deleteBranch(project, tempBranch, ctx);
        Map<String, Object> details = new LinkedHashMap<>(f.details());
        details.put("temp_branch_id", tempBranch);
        details.put("temp_branch_deleted", deleted);
        String message = (what == null ? "" : "Temporary branch " + tempBranch + ": " + what + ": ") + f.message()
                + (deleted ? " The temporary branch was deleted." : " The temporary branch " + tempBranch
                        + " could not be deleted: delete_branch removes it, or it expires.");
        return new ToolResult.Failed(f.code(), message, f.nextStep(), details);
    }

    // ---- complete_migration ----

    ToolResult complete(Arguments args, CallContext ctx) {
        long start = System.nanoTime();
        String project = args.requiredString("project_id");
        String id = args.requiredString("migration_id");
        boolean discard = args.bool("discard").orElse(false);
        prepared.forgetExpired(clock.instant());
        Optional<PreparedMigrations.Prepared> found = prepared.take(id);
        if (found.isEmpty()) {
            return new ToolResult.Failed("unknown_migration", "no prepared migration '" + id + "' in this server: "
                    + "it was completed or discarded already, its temporary branch expired, or the server restarted "
                    + "(prepared migrations live in memory); nothing was applied",
                    "Call prepare_migration again. A leftover temporary branch can be removed with delete_branch.");
        }
        PreparedMigrations.Prepared p = found.get();
        if (!p.projectId().equals(project)) {
            prepared.putBack(p);
            return new ToolResult.Failed("invalid_argument", "migration " + id + " belongs to project "
                    + p.projectId() + ", not " + project + "; nothing was applied",
                    "Pass the project_id the migration was prepared in.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("migration_id", id);
        out.put("target_branch_id", p.targetBranch());
        out.put("database", p.database());
        if (discard) {
            boolean deleted = deleteBranch(project, p.tempBranch(), ctx);
            out.put("applied", false);
            out.put("discarded", true);
            out.put("temp_branch_deleted", deleted);
            out.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
            return ToolResult.ok(out, "Migration " + id + " discarded: nothing applied to " + p.targetBranch() + "; "
                    + (deleted ? "temporary branch deleted." : "the temporary branch could not be deleted (delete_branch "
                            + p.tempBranch() + ", or let it expire)."));
        }
        if (p.failed()) {
            prepared.putBack(p);
            return new ToolResult.Failed("migration_failed", "migration " + id + " failed when it was prepared, so "
                    + "there is nothing to apply", "Discard it (discard=true) and prepare the fixed SQL again.");
        }
        Limits limits = Limits.of(args);
        Target target = new Target(project, p.targetBranch(), p.database());
        Read now = snapshot(target, null, limits);
        if (now.failure() != null) {
            prepared.putBack(p);
            return now.failure();
        }
        SchemaDiff drift = SchemaDiff.between(p.baseline(), now.snapshot());
        if (!drift.isEmpty()) {
            prepared.putBack(p);
            List<Map<String, Object>> list = new ArrayList<>();
            for (SchemaDiff.Difference d : drift.differences().subList(0, Math.min(50, drift.differences().size()))) {
                list.add(d.view());
            }
            return new ToolResult.Failed("target_changed", "the schema of " + p.targetBranch() + " changed since "
                    + "migration " + id + " was prepared (" + drift.differences().size() + " difference(s)); "
                    + "nothing was applied", "Discard this migration (discard=true) and prepare it again on the "
                            + "current schema.", Map.of("differences", list));
        }
        // The schema was checked just above, not under a lock: a change landing in between is not seen.
        ToolResult applied = sql.run(target, p.statements(), null, limits, SqlExecutor.Mode.ALL_OR_NOTHING, ctx);
        if (applied instanceof ToolResult.Failed f) {
            prepared.putBack(p);
            return new ToolResult.Failed(f.code(), "The migration failed on " + p.targetBranch() + " and was rolled "
                    + "back: nothing was applied. " + f.message(), nextOr(f, "Discard it (discard=true) and prepare "
                            + "the fixed SQL again."), f.details());
        }
        boolean deleted = deleteBranch(project, p.tempBranch(), ctx);
        out.put("applied", true);
        out.put("sql", p.sql());
        out.put("sql_digest", p.digest());
        out.put("statements", p.statements().size());
        out.put("temp_branch_deleted", deleted);
        out.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
        return ToolResult.ok(out, "Migration " + id + " applied to " + p.targetBranch() + " (" + p.database() + "): "
                + p.statements().size() + " statement(s) committed in one transaction (sql_digest " + p.digest()
                + "). " + (deleted ? "Temporary branch " + p.tempBranch() + " deleted." : "The temporary branch "
                        + p.tempBranch() + " could not be deleted: delete_branch removes it, or it expires."));
    }

    /**
     * What a complete_migration call would do, in a person's words, for the confirmation prompt: the target and
     * the exact SQL (cut at 2,000 characters, with its digest). Empty when the id is unknown.
     */
    Optional<String> impact(Map<String, Object> args) {
        Object id = args.get("migration_id");
        Optional<PreparedMigrations.Prepared> found = id instanceof String s ? prepared.peek(s) : Optional.empty();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PreparedMigrations.Prepared p = found.get();
        if (Boolean.TRUE.equals(args.get("discard"))) {
            return Optional.of("Discard migration " + p.id() + ": delete its temporary branch " + p.tempBranch()
                    + " of project " + p.projectId() + "; nothing is applied.");
        }
        String shown = p.sql().length() > 2000 ? p.sql().substring(0, 2000) + "\n... (cut; "
                + p.sql().length() + " characters in all)" : p.sql();
        return Optional.of("Apply migration " + p.id() + " to branch " + p.targetBranch() + " of project "
                + p.projectId() + " (database " + p.database() + "): " + p.statements().size() + " statement(s) in "
                + "one transaction, " + p.digest() + ":\n" + shown + "\nThen delete the temporary branch "
                + p.tempBranch() + ".");
    }

    // ---- shared ----

    /** Puts differences and DDL into {@code out} within the limits; true if something was cut. */
    private static boolean putDiff(Map<String, Object> out, SchemaDiff diff) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SchemaDiff.Difference d : diff.differences()) {
            if (list.size() == MAX_DIFFERENCES) {
                break;
            }
            list.add(d.view());
        }
        String ddl = diff.script();
        boolean truncated = list.size() < diff.differences().size() || ddl.length() > MAX_DDL_CHARS;
        if (ddl.length() > MAX_DDL_CHARS) {
            ddl = ddl.substring(0, ddl.lastIndexOf(";\n", MAX_DDL_CHARS) + 2) + "-- cut: pass schema for the rest\n";
        }
        out.put("differences", list);
        out.put("ddl", ddl);
        out.put("truncated", truncated);
        return truncated;
    }

    /**
     * The differences and DDL for the agent to read, fenced as untrusted data: names, defaults and function
     * bodies come from the database.
     */
    private static void render(UntrustedText text, SchemaDiff diff) {
        if (diff.isEmpty()) {
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (SchemaDiff.Difference d : diff.differences()) {
            if (rows.size() == MAX_DIFFERENCES) {
                break;
            }
            List<Object> row = new ArrayList<>(List.of(d.change(), d.kind(), d.name()));
            row.add(d.detail());
            rows.add(row);
        }
        text.rows("Differences", Shaped.of(List.of(new Column("change", "text"), new Column("kind", "text"),
                new Column("name", "text"), new Column("detail", "text")), rows,
                rows.size() < diff.differences().size(), (long) diff.differences().size(),
                rows.size() < diff.differences().size() ? "max_rows" : null));
        List<List<Object>> ddlRows = new ArrayList<>();
        long ddlChars = 0;
        for (String statement : diff.ddl()) {
            if (ddlChars + statement.length() + 2 > MAX_DDL_CHARS) { // as putDiff cuts the script: "statement;\n"
                break;
            }
            ddlRows.add(List.of(statement + ";"));
            ddlChars += statement.length() + 2;
        }
        text.rows("DDL turning the first schema into the second, one statement per row", Shaped.of(
                List.of(new Column("statement", "text")), ddlRows,
                ddlRows.size() < diff.ddl().size(), (long) diff.ddl().size(),
                ddlRows.size() < diff.ddl().size() ? "max_bytes" : null));
    }

    /** test_query's rows inside the same fence as the diff (one footer, one tag). */
    @SuppressWarnings("unchecked")
    private static void renderTest(UntrustedText text, Map<String, Object> result) {
        List<Map<String, Object>> parts = result.containsKey("results")
                ? (List<Map<String, Object>>) result.get("results") : List.of(result);
        for (Map<String, Object> part : parts) {
            String header = "Test query" + (part.containsKey("statement") ? " statement " + part.get("statement") : "")
                    + " (" + part.get("command") + ", rolled back)";
            if (!(part.get("rows") instanceof List<?> rows)) {
                text.line(header + (part.get("updated_rows") == null ? ": done." : ": " + part.get("updated_rows")
                        + " row(s) affected."));
                continue;
            }
            List<Column> columns = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) part.get("columns")) {
                columns.add(new Column((String) c.get("name"), (String) c.get("type")));
            }
            Object total = part.get("total_rows");
            text.rows(header, Shaped.of(columns, (List<List<Object>>) rows, Boolean.TRUE.equals(part.get("truncated")),
                    total == null ? null : ((Number) total).longValue(), (String) part.get("truncated_by")));
        }
    }

    private static String nextOr(ToolResult.Failed f, String otherwise) {
        return f.nextStep() == null ? otherwise : f.nextStep() + " " + otherwise;
    }

    static String digest(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    private static String randomSuffix() {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
