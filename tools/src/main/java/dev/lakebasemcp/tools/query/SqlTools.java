package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.guardrails.sql.Classification;
import dev.lakebasemcp.guardrails.sql.SqlClass;
import dev.lakebasemcp.guardrails.sql.Statement;
import dev.lakebasemcp.tools.call.ArgumentException;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.shape.Caps;
import dev.lakebasemcp.tools.shape.ResultShaper;
import dev.lakebasemcp.tools.shape.UntrustedText;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Handlers of the SQL tools. Pools and the watcher thread are made on the first call, not at start. */
public final class SqlTools implements AutoCloseable {

    private final Lakebase lakebase;
    private final boolean readOnly;
    private final Clock clock;
    private final ConnectionPools.Settings settings;
    private final MigrationTools migrations;
    private volatile Engine engine;
    private volatile boolean closed;

    /** What the first call builds. */
    private record Engine(ConnectionPools pools, CancelWatch watch, SqlExecutor executor) {
    }

    public SqlTools(Lakebase lakebase, boolean readOnly) {
        this(lakebase, readOnly, Clock.systemUTC(), ConnectionPools.Settings.standard());
    }

    public SqlTools(Lakebase lakebase, boolean readOnly, Clock clock, ConnectionPools.Settings settings) {
        this(lakebase, readOnly, clock, settings, new Operations(lakebase, MIGRATION_BRANCH_WAIT));
    }

    /** @param operations waits for the temporary branches of migrations */
    public SqlTools(Lakebase lakebase, boolean readOnly, Clock clock, ConnectionPools.Settings settings,
            Operations operations) {
        this.lakebase = lakebase;
        this.readOnly = readOnly;
        this.clock = clock;
        this.settings = settings;
        this.migrations = new MigrationTools(this, lakebase, operations, clock, readOnly);
    }

    /** How long prepare_migration and complete_migration wait for a temporary branch to be made or deleted. */
    static final Duration MIGRATION_BRANCH_WAIT = Duration.ofMinutes(5);

    public void register(Map<String, ToolHandler> handlers) {
        handlers.put("run_sql", this::runSql);
        handlers.put("run_sql_transaction", this::runSqlTransaction);
        handlers.put("explain_sql", this::explainSql);
        handlers.put("list_tables", this::listTables);
        handlers.put("describe_table", this::describeTable);
        handlers.put("compare_schemas", migrations::compare);
        handlers.put("prepare_migration", migrations::prepare);
        handlers.put("complete_migration", migrations::complete);
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("SQL tools are closed");
                }
                e = engine;
                if (e == null) {
                    ConnectionPools pools = new ConnectionPools(lakebase, clock, settings, readOnly);
                    CancelWatch watch = new CancelWatch(pools::closeIdle, 30);
                    e = new Engine(pools, watch, new SqlExecutor(readOnly, settings.sessionDefaults(),
                            ResultShaper.standard(), watch));
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * For the server's confirmation prompt of complete_migration: the target and the exact SQL the call would
     * apply (or the branch discard would delete); empty for an unknown migration_id.
     */
    public java.util.Optional<String> migrationImpact(Map<String, Object> completeArgs) {
        return migrations.impact(completeArgs);
    }

    /** The pools, for tests and the server's status. */
    public ConnectionPools pools() {
        return engine().pools();
    }

    // ---- run_sql ----

    ToolResult runSql(Arguments args, CallContext ctx) {
        Target target = Target.of(args);
        Limits limits = Limits.of(args);
        List<Object> params = list(args, "params");
        Script.Parsed parsed = Script.parse(args.requiredString("sql"), readOnly, "sql");
        if (parsed instanceof Script.Parsed.Refused r) {
            return r.failure();
        }
        Script script = ((Script.Parsed.Ok) parsed).script();
        if (params != null && !params.isEmpty() && script.statements().size() != 1) {
            return ToolResult.invalid("params go with exactly one statement; sql holds " + script.statements().size());
        }
        boolean plainRead = script.statements().size() == 1 && script.classes().get(0).sqlClass() == SqlClass.READ;
        return run(target, script.statements(), params, limits, SqlExecutor.Mode.EACH, ctx, plainRead);
    }

    ToolResult runSqlTransaction(Arguments args, CallContext ctx) {
        Target target = Target.of(args);
        Limits limits = Limits.of(args);
        List<Object> raw = list(args, "statements");
        if (raw == null || raw.isEmpty()) {
            throw new ArgumentException("statements is required: a list of SQL statements");
        }
        List<String> texts = new ArrayList<>();
        for (Object o : raw) {
            if (!(o instanceof String s)) {
                throw new ArgumentException("statements must hold strings");
            }
            texts.add(s);
        }
        Script.Parsed parsed = Script.parseAll(texts, readOnly);
        if (parsed instanceof Script.Parsed.Refused r) {
            return r.failure();
        }
        Script script = ((Script.Parsed.Ok) parsed).script();
        ToolResult result = run(target, script.statements(), null, limits, SqlExecutor.Mode.ALL_OR_NOTHING, ctx);
        if (result instanceof ToolResult.Ok ok) {
            Map<String, Object> m = new LinkedHashMap<>(ok.structured());
            m.put("committed", !readOnly);
            return ToolResult.ok(m, ok.text() + (readOnly ? "\nRead-only mode: rolled back." : "\nCommitted."));
        }
        return result;
    }

    ToolResult run(Target target, List<Statement> statements, List<?> params, Limits limits,
            SqlExecutor.Mode mode, CallContext ctx) {
        return run(target, statements, params, limits, mode, ctx, false);
    }

    /** @param plainRead the classifier found the one statement a plain read (see {@link SqlExecutor}) */
    private ToolResult run(Target target, List<Statement> statements, List<?> params, Limits limits,
            SqlExecutor.Mode mode, CallContext ctx, boolean plainRead) {
        long start = System.nanoTime();
        Engine e = engine();
        SqlExecutor.Outcome outcome;
        try (ConnectionPools.Lease lease = e.pools().borrow(target)) {
            outcome = e.executor().run(lease, statements, params, limits, mode, ctx, plainRead);
        } catch (SQLException ex) {
            return SqlErrors.explain(ex, null, limits);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (outcome instanceof SqlExecutor.Outcome.Stopped s) {
            if (s.results().isEmpty()) {
                return s.failure();
            }
            Map<String, Object> details = new LinkedHashMap<>(s.failure().details());
            List<Map<String, Object>> done = new ArrayList<>();
            for (SqlExecutor.StatementResult r : s.results()) {
                Map<String, Object> m = summary(r);
                done.add(m);
            }
            details.put("completed", done);
            return new ToolResult.Failed(s.failure().code(), s.failure().message(), s.failure().nextStep(), details);
        }
        List<SqlExecutor.StatementResult> results = ((SqlExecutor.Outcome.Done) outcome).results();
        return render(results, millis);
    }

    private static Map<String, Object> summary(SqlExecutor.StatementResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement", r.index() + 1);
        m.put("command", r.command());
        if (r.updated() != null) {
            m.put("updated_rows", r.updated());
        }
        if (r.shaped() != null) {
            m.put("row_count", r.shaped().rows().size());
        }
        return m;
    }

    private static ToolResult render(List<SqlExecutor.StatementResult> results, long millis) {
        UntrustedText text = new UntrustedText();
        Map<String, Object> out = new LinkedHashMap<>();
        boolean truncated = false;
        if (results.size() == 1) {
            SqlExecutor.StatementResult r = results.get(0);
            out.put("command", r.command());
            describe(r, out, text, r.command());
            truncated = r.shaped() != null && r.shaped().truncated();
        } else {
            List<Map<String, Object>> list = new ArrayList<>();
            for (SqlExecutor.StatementResult r : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("statement", r.index() + 1);
                m.put("command", r.command());
                describe(r, m, text, "Statement " + (r.index() + 1) + " (" + r.command() + ")");
                truncated |= r.shaped() != null && r.shaped().truncated();
                list.add(m);
            }
            out.put("results", list);
            out.put("truncated", truncated);
        }
        out.put("elapsed_ms", millis);
        if (truncated) {
            text.line("Rows were cut to the caps (max_rows, max_bytes): add WHERE/LIMIT or aggregate rather than "
                    + "raising the caps.");
        }
        return ToolResult.ok(text.withNotice(out), text.toString());
    }

    private static void describe(SqlExecutor.StatementResult r, Map<String, Object> out, UntrustedText text,
            String header) {
        if (r.shaped() != null) {
            out.putAll(r.shaped().view());
            text.rows(header, r.shaped());
        } else {
            if (r.updated() != null) {
                out.put("updated_rows", r.updated());
            }
            text.line(header + (r.updated() == null ? ": done." : ": " + r.updated() + " row(s) affected."));
        }
    }

    // ---- explain_sql ----

    ToolResult explainSql(Arguments args, CallContext ctx) {
        Target target = Target.of(args);
        Limits limits = Limits.of(args);
        List<Object> params = list(args, "params");
        boolean analyze = args.bool("analyze").orElse(false);
        String sql = args.requiredString("sql");
        Script.Parsed parsed = Script.parse(sql, readOnly, "sql");
        if (parsed instanceof Script.Parsed.Refused r) {
            return r.failure();
        }
        Script script = ((Script.Parsed.Ok) parsed).script();
        if (script.statements().size() != 1) {
            return ToolResult.invalid("explain_sql takes one statement; sql holds " + script.statements().size());
        }
        Statement inner = script.statements().get(0);
        String first = inner.tokens().get(0).text();
        if (!Arrays.asList("select", "insert", "update", "delete", "merge", "values", "with", "table", "execute",
                "create", "declare").contains(first)) {
            return ToolResult.invalid("explain_sql explains SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, TABLE, "
                    + "EXECUTE and CREATE TABLE AS; got " + first.toUpperCase(Locale.ROOT));
        }
        Classification c = script.classes().get(0);
        boolean write = c.sqlClass() != SqlClass.READ;
        String explain = "EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE, BUFFERS" : "") + ") " + inner.text();
        Script.Parsed wrapped = Script.parse(explain, false, "sql");
        if (wrapped instanceof Script.Parsed.Refused r) {
            return r.failure();
        }
        List<Statement> statements = ((Script.Parsed.Ok) wrapped).script().statements();
        Limits planLimits = new Limits(limits.statementTimeoutMillis(), limits.lockTimeoutMillis(),
                new Caps(1, Caps.CEILING.maxBytes()));
        // Always rolled back: EXPLAIN ANALYZE runs the statement, and a write's effects must not stay.
        ToolResult result = run(target, statements, params, planLimits, SqlExecutor.Mode.ROLLBACK, ctx);
        if (!(result instanceof ToolResult.Ok ok)) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) ok.structured().get("rows");
        Object plan = rows == null || rows.isEmpty() ? null : rows.get(0).get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plan", plan);
        out.put("analyzed", analyze);
        out.put("rolled_back", analyze && write);
        out.put("elapsed_ms", ok.structured().get("elapsed_ms"));
        UntrustedText text = new UntrustedText()
                .document((analyze ? "EXPLAIN ANALYZE" : "EXPLAIN") + " plan as JSON" + (analyze && write
                        ? " (the statement ran inside a transaction that was rolled back)" : "") + ":", plan);
        return ToolResult.ok(text.withNotice(out), text.toString());
    }

    // ---- list_tables / describe_table ----

    ToolResult listTables(Arguments args, CallContext ctx) {
        Target target = Target.of(args);
        Limits limits = new Limits(Limits.DEFAULT.statementTimeoutMillis(), Limits.DEFAULT.lockTimeoutMillis(),
                new Caps(1000, Caps.CEILING.maxBytes()));
        String schema = args.string("schema").orElse(null);
        List<Object> params = new ArrayList<>();
        params.add(schema);
        ToolResult r = run(target, CatalogQueries.statements(CatalogQueries.LIST_TABLES), params, limits,
                SqlExecutor.Mode.ROLLBACK, ctx);
        if (!(r instanceof ToolResult.Ok ok)) {
            return r;
        }
        List<Map<String, Object>> tables = CatalogQueries.records(ok.structured());
        Map<String, Object> out = new LinkedHashMap<>();
        if (ok.structured().containsKey(UntrustedText.NOTICE_FIELD)) {
            out.put(UntrustedText.NOTICE_FIELD, UntrustedText.NOTICE); // the text fenced the tables' rows
        }
        out.put("tables", tables);
        out.put("truncated", Boolean.TRUE.equals(ok.structured().get("truncated")));
        String text = ok.text().replaceFirst("^SELECT: ", "Tables" + (schema == null ? "" : " in " + schema) + ": ");
        return ToolResult.ok(out, text);
    }

    ToolResult describeTable(Arguments args, CallContext ctx) {
        Target target = Target.of(args);
        String table = args.requiredString("table");
        String schema = args.string("schema").orElse(null);
        if (schema == null && table.indexOf('.') > 0 && !table.startsWith("\"")) {
            schema = table.substring(0, table.indexOf('.'));
            table = table.substring(table.indexOf('.') + 1);
        }
        Limits limits = new Limits(Limits.DEFAULT.statementTimeoutMillis(), Limits.DEFAULT.lockTimeoutMillis(),
                new Caps(5000, Caps.CEILING.maxBytes()));
        List<Object> params = new ArrayList<>();
        params.add(table);
        params.add(schema);
        ToolResult found = run(target, CatalogQueries.statements(CatalogQueries.FIND_TABLE), params, limits,
                SqlExecutor.Mode.ROLLBACK, ctx);
        if (!(found instanceof ToolResult.Ok ok)) {
            return found;
        }
        List<Map<String, Object>> matches = CatalogQueries.records(ok.structured());
        if (matches.isEmpty()) {
            return new ToolResult.Failed("not_found", "no table, view or materialized view named '" + table + "'"
                    + (schema == null ? "" : " in schema " + schema),
                    "list_tables shows what exists; names are case-sensitive.");
        }
        if (matches.size() > 1 && schema == null && !Boolean.TRUE.equals(matches.get(0).get("on_path"))) {
            List<Object> schemas = matches.stream().map(m -> m.get("schema")).toList();
            return new ToolResult.Failed("ambiguous", "'" + table + "' exists in several schemas: " + schemas,
                    "Pass schema.", Map.of("schemas", schemas));
        }
        Map<String, Object> rel = matches.get(0);
        long oid = ((Number) rel.get("oid")).longValue();
        ToolResult parts = run(target, CatalogQueries.statements(CatalogQueries.describe(oid)), null, limits,
                SqlExecutor.Mode.ROLLBACK, ctx);
        if (!(parts instanceof ToolResult.Ok p)) {
            return parts;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) p.structured().get("results");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("schema", rel.get("schema"));
        info.put("name", rel.get("name"));
        List<Map<String, Object>> tableInfo = CatalogQueries.records(results.get(0));
        if (!tableInfo.isEmpty()) {
            info.putAll(tableInfo.get(0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", info);
        out.put("columns", CatalogQueries.records(results.get(1)));
        out.put("constraints", CatalogQueries.records(results.get(2)));
        out.put("indexes", CatalogQueries.records(results.get(3)));
        out.put("referenced_by", CatalogQueries.records(results.get(4)));
        UntrustedText text = new UntrustedText().document("Table " + UntrustedText.name(String.valueOf(rel.get("schema")))
                + "." + UntrustedText.name(String.valueOf(rel.get("name")))
                + " as JSON (names, comments and defaults come from the database):", out);
        return ToolResult.ok(text.withNotice(out), text.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Arguments args, String name) {
        Object v = args.values().get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw new ArgumentException(name + " must be an array");
        }
        return (List<Object>) l;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            Engine e = engine;
            if (e != null) {
                e.watch().close();
                e.pools().close();
            }
        }
    }
}
