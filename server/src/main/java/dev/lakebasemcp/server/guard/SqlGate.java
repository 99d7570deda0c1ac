package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.guard.Decision;
import dev.lakebasemcp.guardrails.policy.SqlPolicy;
import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.guardrails.sql.ScriptClassification;
import dev.lakebasemcp.guardrails.sql.StatementClassifier;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guard's judgement of SQL tools: the statements are lexed and classified before anything is sent, and
 * the SQL policy decides (invalid, transaction control, read-only, synced tables, deploy-before-local,
 * confirmation of destructive scripts). The tool's own risk is replaced by the script's.
 */
final class SqlGate {

    /** Tools whose risk is that of the SQL they carry, decided per call. */
    static final Set<String> SQL_TOOLS = dev.lakebasemcp.tools.catalog.Catalog.RISK_PER_CALL;

    private final StatementClassifier classifier = new StatementClassifier();
    private final SqlPolicy policy;

    SqlGate(boolean readOnly) {
        this.policy = new SqlPolicy(readOnly, Set.of(), false);
    }

    /** The SQL a call would run, as one script; null when the tool carries none. */
    static String sqlOf(String tool, Map<String, Object> args) {
        Object sql = args.get("sql");
        if ("run_sql_transaction".equals(tool) && args.get("statements") instanceof List<?> list) {
            StringBuilder s = new StringBuilder();
            for (Object o : list) {
                // Each element is one statement: a terminator between them keeps them apart for the lexer.
                s.append(o).append("\n;\n");
            }
            return s.toString();
        }
        return sql instanceof String str ? str : null;
    }

    /** What the guard does with this SQL call: a verdict, or {@code Confirm} to run through confirmation. */
    Decision decide(String tool, Map<String, Object> args) {
        String sql = sqlOf(tool, args);
        if (sql == null) {
            return new Decision.Refuse("sql_missing", "no SQL given");
        }
        ScriptClassification script = classifier.classify(sql);
        if ("explain_sql".equals(tool)) {
            if (script.statements().size() != 1) {
                return new Decision.Refuse("sql_one_statement", "explain_sql takes exactly one statement, got "
                        + script.statements().size());
            }
            if (!Boolean.TRUE.equals(args.get("analyze"))) {
                // Plain EXPLAIN plans without executing: reading, whatever the statement.
                return script.sqlClass() == dev.lakebasemcp.guardrails.sql.SqlClass.INVALID
                        ? new Decision.Refuse("sql_invalid", "the SQL was not sent: " + script.reason())
                        : new Decision.Allow(Risk.READ);
            }
        }
        return policy.decide(script, impact -> "-");
    }
}
