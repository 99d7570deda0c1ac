package dev.lakebasemcp.tools.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;

/**
 * The session every SQL tool runs in, set on each new connection and again after {@code DISCARD ALL}:
 * default timeouts (each call may tighten or widen them within a ceiling with {@code SET LOCAL}), UTC so
 * timestamptz values read the same everywhere, ISO-8601 intervals, and a cap on idle transactions.
 */
final class SessionSetup {

    private SessionSetup() {
    }

    static String sql(Limits defaults) {
        return "SET statement_timeout = " + defaults.statementTimeoutMillis()
                + "; SET lock_timeout = " + defaults.lockTimeoutMillis()
                + "; SET idle_in_transaction_session_timeout = 60000"
                + "; SET TimeZone = 'UTC'; SET IntervalStyle = 'iso_8601'";
    }

    /**
     * Applies the session settings. The guardrails lexer reads {@code '\'} as PostgreSQL does only with
     * {@code standard_conforming_strings = on}: a connection where it cannot be on is refused.
     */
    static void apply(Connection c, Limits defaults) throws SQLException {
        boolean auto = c.getAutoCommit();
        if (!auto) {
            c.setAutoCommit(true);
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql(defaults));
            if (!standardConformingStrings(c)) {
                s.execute("SET standard_conforming_strings = on");
            }
        } finally {
            if (!auto) {
                c.setAutoCommit(false);
            }
        }
        if (!standardConformingStrings(c)) {
            throw new SQLException("standard_conforming_strings is off and cannot be turned on; SQL would be "
                    + "read differently by the guard and the server", "0A000");
        }
    }

    /** As the server last reported it (a GUC_REPORT parameter): costs no round trip. */
    static boolean standardConformingStrings(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getStandardConformingStrings();
    }
}
