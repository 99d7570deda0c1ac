package dev.lakebasemcp.guardrails.policy;

import dev.lakebasemcp.guardrails.guard.Decision;
import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.guardrails.sql.Classification;
import dev.lakebasemcp.guardrails.sql.QualifiedName;
import dev.lakebasemcp.guardrails.sql.ScriptClassification;
import dev.lakebasemcp.guardrails.sql.SqlClass;
import dev.lakebasemcp.guardrails.sql.TableTouch;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What run_sql may do with a classified script, as a pure function of the classification and of
 * facts the server knows. Checks in order, the first that fails decides:
 * <ol>
 *   <li>invalid SQL is refused ({@code sql_invalid});</li>
 *   <li>transaction control is refused: run_sql owns the transaction ({@code sql_transaction_control});</li>
 *   <li>in read-only mode, anything but reads is refused ({@code read_only});</li>
 *   <li>synced tables accept only reads, CREATE INDEX and DROP TABLE ({@code synced_table});</li>
 *   <li>CREATE SCHEMA in a database bound to an app that is not deployed yet is refused
 *       ({@code deploy_before_local}): the app's service principal must create and own it;</li>
 *   <li>destructive scripts need confirmation; everything else is allowed at its risk.</li>
 * </ol>
 *
 * @param readOnly the server runs with --read-only
 * @param syncedTables the synced tables of the target database, as {@code schema.table} or {@code table}
 * @param schemaCreationLocked the database is bound to an app whose service principal has not created its schema yet
 */
public record SqlPolicy(boolean readOnly, Set<String> syncedTables, boolean schemaCreationLocked) {
    public SqlPolicy {
        syncedTables = Set.copyOf(Objects.requireNonNull(syncedTables, "syncedTables must not be null"));
    }

    /** Read-write, no synced tables, no app binding. */
    public static SqlPolicy readWrite() {
        return new SqlPolicy(false, Set.of(), false);
    }

    /**
     * @param issueToken makes a confirmation token for the impact shown to the person (the server
     *     binds it to the tool, arguments and scope); called only when confirmation is needed
     */
    public Decision decide(ScriptClassification script, Function<String, String> issueToken) {
        Objects.requireNonNull(script, "script must not be null");
        Objects.requireNonNull(issueToken, "issueToken must not be null");
        if (script.sqlClass() == SqlClass.INVALID) {
            return new Decision.Refuse("sql_invalid", "the SQL was not sent: " + script.reason());
        }
        for (Classification c : script.statements()) {
            if (c.sqlClass() == SqlClass.TRANSACTION) {
                return new Decision.Refuse("sql_transaction_control", "run_sql manages the transaction itself, so "
                        + c.statement().text() + " was not sent: " + c.reason()
                        + "; use run_sql_transaction to run several statements in one transaction");
            }
        }
        if (readOnly && script.blockedInReadOnly()) {
            return new Decision.Refuse("read_only", "read-only mode runs only reads, and this is "
                    + script.label() + ": " + script.reason());
        }
        for (Classification c : script.statements()) {
            for (TableTouch touch : c.touches()) {
                if (touch.action() != TableTouch.Action.DROP && touch.action() != TableTouch.Action.INDEX
                        && isSynced(touch.table())) {
                    return new Decision.Refuse("synced_table", touch.table() + " is a synced table: only reads,"
                            + " CREATE INDEX and DROP TABLE are allowed on it (anything else breaks its sync pipeline);"
                            + " change the source Delta table instead");
                }
            }
            if (schemaCreationLocked && isCreateSchema(c)) {
                return new Decision.Refuse("deploy_before_local", "this database is bound to an app that is not"
                        + " deployed yet: deploy the app first so its service principal creates and owns the schema;"
                        + " a schema created now would be yours and the app would fail with permission denied");
            }
        }
        if (script.risk() == Risk.DESTRUCTIVE) {
            String impact = script.reason();
            return new Decision.Confirm(impact, issueToken.apply(impact));
        }
        return new Decision.Allow(script.risk());
    }

    private boolean isSynced(QualifiedName table) {
        String name = table.name().toLowerCase(Locale.ROOT);
        for (String synced : syncedTables) {
            String s = synced.toLowerCase(Locale.ROOT);
            int dot = s.lastIndexOf('.');
            String syncedName = dot < 0 ? s : s.substring(dot + 1);
            if (!syncedName.equals(name)) {
                continue;
            }
            // Unqualified names could resolve to any schema on the search_path: match them conservatively.
            if (table.schema().isEmpty() || dot < 0 || s.substring(0, dot).equals(table.schema().get().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCreateSchema(Classification c) {
        var t = c.statement().tokens();
        return t.size() >= 2 && t.get(0).isWord("create") && t.get(1).isWord("schema");
    }
}
