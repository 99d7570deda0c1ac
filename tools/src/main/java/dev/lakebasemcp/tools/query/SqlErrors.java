package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.call.ToolResult;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Postgres errors as the agent needs them: SQLSTATE, message, detail, hint and position, plus what to do
 * where lakebase-facts.md ("Errors the tools must explain") has advice. Postgres' message is quoted as a JSON
 * string: it is the database's words, which a trigger's RAISE can fill with anything.
 */
public final class SqlErrors {

    static final String SCHEMA_OWNERSHIP = "The schema is owned by another role. A Databricks App's service principal "
            + "can use only schemas it created itself, so deploy the app first and run it locally after. For a schema "
            + "that already exists the person chooses: (A) drop the schema and redeploy the app (its data is lost), or "
            + "(B) reassign ownership to the app's service principal (ALTER SCHEMA ... OWNER TO \"<client id>\"; the "
            + "data is kept). Never drop it without asking.";

    private SqlErrors() {
    }

    /** Where in a script the error happened, for the message. */
    record Place(int statement, int statements, int committed, String text) {
    }

    static ToolResult.Failed explain(SQLException e, Place place, Limits limits) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : String.valueOf(e.getMessage());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sqlstate", state);
        if (server != null) {
            put(details, "detail", server.getDetail());
            put(details, "hint", server.getHint());
            if (server.getPosition() > 0) {
                details.put("position", server.getPosition());
                if (place != null && place.text() != null && server.getPosition() <= place.text().length()) {
                    String near = place.text().substring(server.getPosition() - 1);
                    details.put("near", near.length() > 40 ? near.substring(0, 40) : near);
                }
            }
            put(details, "where", server.getWhere());
            put(details, "constraint", server.getConstraint());
        }
        String where = "";
        if (place != null) {
            details.put("statement", place.statement());
            if (place.statements() > 1) {
                details.put("statements", place.statements());
                details.put("statements_committed", place.committed());
                where = "statement " + place.statement() + " of " + place.statements() + " failed ("
                        + (place.committed() == 0 ? "nothing was committed" : "statements 1-" + place.committed()
                                + " were committed") + ", the rest did not run): ";
            }
        }
        String m = message.toLowerCase(Locale.ROOT);
        String code = "sql_error";
        String next = null;
        if (state.equals("42501") && m.contains("permission denied for schema")) {
            code = "permission_denied";
            next = SCHEMA_OWNERSHIP;
        } else if (state.equals("42501")) {
            code = "permission_denied";
            next = "Your role lacks this privilege: the object's owner must GRANT it, or the statement must run as the owner.";
        } else if (state.equals("28P01") || (state.equals("28000") && m.contains("password"))) {
            code = "credential_rejected";
            next = "The database credential was rejected (expired or replaced). A new one is fetched for new "
                    + "connections: call again. If it persists, check that your role exists on this branch (list_roles).";
        } else if (m.contains("ssl") || m.contains("no encryption")) {
            code = "ssl_required";
            next = "Lakebase accepts only TLS connections: use sslmode=require (this server always does).";
        } else if (state.equals("57014")) {
            code = "statement_timeout";
            next = "The statement ran past statement_timeout_ms (" + limits.statementTimeoutMillis() + " ms) and was "
                    + "stopped. Narrow it (WHERE, LIMIT, an index; explain_sql shows the plan) or pass a larger "
                    + "statement_timeout_ms (at most " + Limits.MAX_STATEMENT_TIMEOUT_MILLIS + ").";
        } else if (state.equals("55P03")) {
            code = "lock_timeout";
            next = "Another transaction holds a lock this statement needs (waited lock_timeout_ms = "
                    + limits.lockTimeoutMillis() + "). Retry later, or pass a larger lock_timeout_ms (at most "
                    + Limits.MAX_LOCK_TIMEOUT_MILLIS + "); pg_stat_activity shows who holds it.";
        } else if (state.equals("25006")) {
            code = "read_only";
            next = "The statement tried to write in a read-only transaction (read-only mode or a read replica). "
                    + "Only reads are possible here.";
        } else if (LakebaseDataSource.refused(e)) {
            code = "compute_unavailable";
            next = "The compute did not accept connections in time (it may be waking from scale-to-zero or "
                    + "restarting). Retry in a few seconds; describe_endpoint shows its state.";
        } else if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")) {
            code = "connection_lost";
            next = "The connection broke (the compute may have restarted). A write's outcome is unknown: check "
                    + "before repeating it. The next call opens a new connection.";
        } else if (state.equals("42P01")) {
            next = "list_tables shows the tables; quoted names are case-sensitive.";
        } else if (state.equals("42703")) {
            next = "describe_table shows the table's columns.";
        } else if (state.equals("3D000")) {
            next = "list_databases shows the branch's databases.";
        } else if (state.equals("42601") || state.equals("42883") || state.equals("42804")) {
            next = "Fix the statement" + (details.containsKey("near") ? " near: " + details.get("near") : "") + ".";
        }
        // Postgres' words can carry text a database user chose (RAISE EXCEPTION in a trigger, object names):
        // one JSON string, so they stay on their line and read as quoted data, never as the server speaking.
        StringBuilder said = new StringBuilder(message.length() + 32).append(where).append("Postgres said: ");
        dev.lakebasemcp.tools.shape.JsonText.string(said, message);
        return new ToolResult.Failed(code, said.append(" (SQLSTATE ").append(state).append(')').toString(), next, details);
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
