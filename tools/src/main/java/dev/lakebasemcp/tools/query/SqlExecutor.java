package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.guardrails.sql.Statement;
import dev.lakebasemcp.guardrails.sql.Token;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.shape.Caps;
import dev.lakebasemcp.tools.shape.ResultShaper;
import dev.lakebasemcp.tools.shape.Shaped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs split statements on one connection, one by one, streaming each result into the caps.
 *
 * <p>Every statement runs inside a transaction the executor ends (a cursor needs one to stream with a fetch
 * size). In read-only mode it is {@code READ ONLY}: a {@code SELECT 1} takes the snapshot first, so that
 * {@code SET TRANSACTION READ WRITE} can no longer flip it; afterwards the transaction must still be open
 * and read-only; it is always rolled back; and the session is wiped with {@code DISCARD ALL} before the
 * connection goes back to the pool (shared/sql-guard/FINDINGS.md).
 *
 * <p>One exception, outside read-only mode: a run_sql call of one statement the classifier found a plain read,
 * with the session's default timeouts and fewer than {@link #AUTOCOMMIT_MAX_ROWS} rows wanted, runs in
 * autocommit: no {@code COMMIT} round trip. Without a transaction the driver cannot stream with a cursor, so
 * the server is told to stop after {@code max_rows + 1} rows, no more than the first fetch would have held
 * (the fetch size is {@code max_rows + 1} below 1,000), and a truncated result gives no {@code total_rows}.
 * The session's {@code statement_timeout} is in force as in a transaction.
 */
public final class SqlExecutor {

    /** How statements share transactions. */
    public enum Mode {
        /** Each statement in its own transaction, committed when it succeeds (run_sql). */
        EACH,
        /** All statements in one transaction, committed only if all succeed (run_sql_transaction). */
        ALL_OR_NOTHING,
        /** All statements in one transaction that is always rolled back (EXPLAIN ANALYZE of a write, trials). */
        ROLLBACK
    }

    /** What one statement gave: rows (shaped) or a count of rows changed. */
    public record StatementResult(int index, String command, Shaped shaped, Long updated) {
    }

    /** How a run ended. */
    public sealed interface Outcome {
        record Done(List<StatementResult> results) implements Outcome {
            public Done {
                results = List.copyOf(results);
            }
        }

        /** Stopped at a statement; {@code results} holds those before it. */
        record Stopped(List<StatementResult> results, ToolResult.Failed failure) implements Outcome {
            public Stopped {
                results = List.copyOf(results);
            }
        }
    }

    /** Autocommit only below this many rows wanted: up to it, the first fetch holds as many rows anyway. */
    static final int AUTOCOMMIT_MAX_ROWS = 999;

    private final boolean readOnly;
    private final Limits sessionDefaults;
    private final ResultShaper shaper;
    private final CancelWatch watch;

    SqlExecutor(boolean readOnly, Limits sessionDefaults, ResultShaper shaper, CancelWatch watch) {
        this.readOnly = readOnly;
        this.sessionDefaults = sessionDefaults;
        this.shaper = shaper;
        this.watch = watch;
    }

    /**
     * Runs {@code statements} in order. {@code params} (bind values for {@code $1}...) only with one statement.
     * The lease is evicted when its session may be left in an unknown state.
     */
    public Outcome run(ConnectionPools.Lease lease, List<Statement> statements, List<?> params, Limits limits,
            Mode mode, CallContext ctx) {
        return run(lease, statements, params, limits, mode, ctx, false);
    }

    /** @param plainRead the classifier found the one statement a plain read: it may run in autocommit */
    Outcome run(ConnectionPools.Lease lease, List<Statement> statements, List<?> params, Limits limits,
            Mode mode, CallContext ctx, boolean plainRead) {
        Connection c = lease.connection();
        List<StatementResult> results = new ArrayList<>();
        boolean dirty = readOnly;
        boolean each = mode == Mode.EACH;
        boolean auto = plainRead && each && !readOnly && statements.size() == 1
                && limits.sameTimeoutsAs(sessionDefaults) && limits.caps().maxRows() <= AUTOCOMMIT_MAX_ROWS;
        int committed = 0;
        Caps left = limits.caps();
        int i = 0;
        try {
            if (auto) {
                c.setAutoCommit(true);
            }
            for (; i < statements.size(); i++) {
                Statement s = statements.get(i);
                if (!SessionSetup.standardConformingStrings(c)) {
                    rollback(c);
                    dirty = true;
                    return new Outcome.Stopped(results, new ToolResult.Failed("refused_session_state",
                            "standard_conforming_strings was turned off, so the guard and Postgres would read "
                                    + "backslashes in strings differently; statement " + (i + 1) + " was not sent",
                            "Do not change standard_conforming_strings."));
                }
                if (!auto && (each || i == 0)) {
                    prelude(c, limits);
                }
                StatementResult r;
                try {
                    r = execute(c, s, i, params, limits, left, ctx, auto);
                } catch (SQLException e) {
                    rollback(c);
                    if (each && !readOnly && "25001".equals(e.getSQLState())) {
                        // VACUUM, CREATE DATABASE, CREATE INDEX CONCURRENTLY ... refuse a transaction block.
                        dirty = true;
                        r = executeOutsideTransaction(c, s, i, limits, left, ctx);
                        results.add(r);
                        committed++;
                        left = left.minus(rowsOf(r), bytesOf(r));
                        continue;
                    }
                    throw e;
                }
                results.add(r);
                left = left.minus(rowsOf(r), bytesOf(r));
                if (each && !auto) {
                    end(c, mode);
                    committed++;
                }
                if (!isStandardStatement(s)) {
                    dirty = true;
                }
            }
            if (!each) {
                end(c, mode);
            }
            return new Outcome.Done(results);
        } catch (Cancelled | ResultShaper.Cancelled e) {
            rollback(c);
            return new Outcome.Stopped(results, new ToolResult.Failed("cancelled", "The call was cancelled: statement "
                    + (i + 1) + " was stopped and rolled back" + (committed > 0 ? "; statements 1-" + committed
                            + " had been committed" : "; nothing was committed") + ".", null));
        } catch (ReadOnlyBroken e) {
            rollback(c);
            lease.evict();
            dirty = false;
            return new Outcome.Stopped(results, new ToolResult.Failed("refused_read_only", "statement " + (i + 1)
                    + " " + e.getMessage() + "; it was rolled back and the connection discarded",
                    "Only plain reads run in read-only mode."));
        } catch (SQLException e) {
            rollback(c);
            String text = i < statements.size() ? statements.get(i).text() : null;
            int done = mode == Mode.EACH && !readOnly ? committed : 0;
            return new Outcome.Stopped(results, SqlErrors.explain(e,
                    new SqlErrors.Place(i + 1, statements.size(), done, text), limits));
        } finally {
            if (auto) {
                try {
                    c.setAutoCommit(false);
                } catch (SQLException e) {
                    lease.evict();
                }
            }
            if (dirty) {
                reset(lease);
            }
        }
    }

    /** Per transaction: the call's timeouts when they differ from the session's, and the read-only snapshot. */
    private void prelude(Connection c, Limits limits) throws SQLException {
        String sql = limits.sameTimeoutsAs(sessionDefaults) ? null : limits.setLocal();
        if (readOnly) {
            sql = sql == null ? "SELECT 1" : sql + "; SELECT 1";
        }
        if (sql != null) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }
    }

    private StatementResult execute(Connection c, Statement s, int index, List<?> params, Limits limits, Caps left,
            CallContext ctx, boolean auto) throws SQLException {
        java.sql.Statement st;
        if (params != null && !params.isEmpty()) {
            BoundStatement bound = BoundStatement.of(s, params);
            PreparedStatement ps = c.prepareStatement(bound.sql());
            bound.bind(ps);
            st = ps;
        } else {
            st = c.createStatement();
        }
        try {
            st.setEscapeProcessing(false);
            st.setFetchSize(Math.max(1, Math.min(left.maxRows() + 1, 1000)));
            if (auto) {
                st.setMaxRows(left.maxRows() + 1); // no cursor in autocommit: the server stops here instead
            }
            CancelWatch.Watch w = watch.watch(st, ctx, limits.driverTimeoutSeconds());
            try {
                boolean rows = st instanceof PreparedStatement ps ? ps.execute() : st.execute(s.text());
                StatementResult r = result(st, rows, s, index, left, ctx);
                Shaped sh = r.shaped();
                if (auto && sh != null && sh.truncated() && sh.totalRows() != null) {
                    // Counted up to the row limit the server was given, not to the end: no total.
                    r = new StatementResult(r.index(), r.command(), new Shaped(sh.columns(), sh.rows(), sh.records(),
                            sh.bytes(), true, null, sh.stoppedBy()), r.updated());
                }
                return r;
            } catch (SQLException e) {
                if (w.fired()) {
                    throw new Cancelled();
                }
                throw e;
            } finally {
                w.close();
            }
        } finally {
            st.close();
        }
    }

    private StatementResult result(java.sql.Statement st, boolean rows, Statement s, int index, Caps left,
            CallContext ctx) throws SQLException {
        if (rows) {
            try (ResultSet rs = st.getResultSet()) {
                return new StatementResult(index, command(s), shaper.shape(rs, left, ctx::cancelled), null);
            }
        }
        long n = st.getLargeUpdateCount();
        return new StatementResult(index, command(s), null, n >= 0 ? n : null);
    }

    private StatementResult executeOutsideTransaction(Connection c, Statement s, int index, Limits limits, Caps left,
            CallContext ctx) throws SQLException {
        c.setAutoCommit(true);
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = " + limits.statementTimeoutMillis() + "; SET lock_timeout = "
                    + limits.lockTimeoutMillis());
            st.setEscapeProcessing(false);
            CancelWatch.Watch w = watch.watch(st, ctx, limits.driverTimeoutSeconds());
            try {
                return result(st, st.execute(s.text()), s, index, left, ctx);
            } catch (SQLException e) {
                if (w.fired()) {
                    throw new Cancelled();
                }
                throw e;
            } finally {
                w.close();
            }
        } finally {
            c.setAutoCommit(false);
        }
    }

    private void end(Connection c, Mode mode) throws SQLException, ReadOnlyBroken {
        if (readOnly) {
            verifyReadOnly(c);
            c.rollback();
        } else if (mode == Mode.ROLLBACK) {
            c.rollback();
        } else {
            c.commit();
        }
    }

    /** The statement must have left the READ ONLY transaction open and read-only. */
    private static void verifyReadOnly(Connection c) throws SQLException, ReadOnlyBroken {
        TransactionState state = c.unwrap(BaseConnection.class).getTransactionState();
        if (state != TransactionState.OPEN) {
            throw new ReadOnlyBroken("ended the read-only transaction");
        }
        try (java.sql.Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_catalog.current_setting('transaction_read_only')")) {
            if (!rs.next() || !"on".equals(rs.getString(1))) {
                throw new ReadOnlyBroken("made the transaction read-write");
            }
        }
    }

    /** Back to a clean session: DISCARD ALL (outside any transaction), then the session settings again. */
    private void reset(ConnectionPools.Lease lease) {
        Connection c = lease.connection();
        try {
            rollback(c);
            c.setAutoCommit(true);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("DISCARD ALL");
            }
            SessionSetup.apply(c, sessionDefaults);
            c.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            lease.evict();
        }
    }

    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // A broken connection: the pool evicts it.
        }
    }

    /** Plain reads and writes leave no session state behind; anything else gets the session wiped. */
    private static boolean isStandardStatement(Statement s) {
        String first = s.tokens().get(0).text();
        return first.equals("select") || first.equals("insert") || first.equals("update") || first.equals("delete")
                || first.equals("with") || first.equals("values") || first.equals("table") || first.equals("merge");
    }

    private static int rowsOf(StatementResult r) {
        return r.shaped() == null ? 0 : r.shaped().rows().size();
    }

    private static long bytesOf(StatementResult r) {
        return r.shaped() == null ? 0 : r.shaped().bytes();
    }

    /** The command, as psql would tag it: {@code SELECT}, {@code INSERT}, {@code CREATE TABLE} ... */
    static String command(Statement s) {
        List<Token> t = s.tokens();
        String first = t.get(0).text().toUpperCase(Locale.ROOT);
        if (!(first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER")) || t.size() < 2) {
            return first;
        }
        for (int k = 1; k < Math.min(t.size(), 6); k++) {
            String w = t.get(k).text().toLowerCase(Locale.ROOT);
            if (!MODIFIERS.containsKey(w)) {
                return first + " " + w.toUpperCase(Locale.ROOT);
            }
        }
        return first;
    }

    private static final Map<String, Boolean> MODIFIERS = Map.of("or", true, "replace", true, "unique", true,
            "temp", true, "temporary", true, "unlogged", true, "materialized", true, "global", true, "local", true);

    /** The call was cancelled while a statement ran. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** A statement left or weakened the read-only transaction. */
    private static final class ReadOnlyBroken extends Exception {
        ReadOnlyBroken(String message) {
            super(message, null, false, false);
        }
    }
}
