package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.guardrails.sql.Classification;
import dev.lakebasemcp.guardrails.sql.LexResult;
import dev.lakebasemcp.guardrails.sql.ScriptClassification;
import dev.lakebasemcp.guardrails.sql.SqlClass;
import dev.lakebasemcp.guardrails.sql.SqlLexer;
import dev.lakebasemcp.guardrails.sql.Statement;
import dev.lakebasemcp.guardrails.sql.StatementClassifier;
import dev.lakebasemcp.guardrails.sql.StatementSplitter;
import dev.lakebasemcp.tools.call.ToolResult;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text split into statements by the guardrails lexer and splitter (never by {@code ;} alone), with each
 * statement's class. The guard in front of the handler decides risk and confirmation; this second look
 * refuses what the SQL tools must never send whatever the guard allowed: transaction control (transactions
 * belong to the executor), statements the classifier does not understand, and in read-only mode anything
 * but a plain read.
 */
record Script(List<Statement> statements, List<Classification> classes) {

    private static final StatementClassifier CLASSIFIER = new StatementClassifier();

    /** The parsed script, or why it cannot run. */
    sealed interface Parsed {
        record Ok(Script script) implements Parsed {
        }

        record Refused(ToolResult.Failed failure) implements Parsed {
        }
    }

    static Parsed parse(String sql, boolean readOnly, String field) {
        LexResult lexed = SqlLexer.lex(sql);
        if (lexed instanceof LexResult.Failed f) {
            return refused("invalid_argument", field + " cannot be read as SQL at offset " + f.offset() + ": "
                    + f.reason() + "; nothing was sent", "Fix the SQL and call again.");
        }
        List<Statement> statements = StatementSplitter.split(sql, ((LexResult.Lexed) lexed).tokens());
        if (statements.isEmpty()) {
            return refused("invalid_argument", field + " holds no statement (empty or only comments)",
                    "Pass the SQL to run.");
        }
        ScriptClassification sc = CLASSIFIER.classify(statements);
        List<Classification> classes = sc.statements();
        for (int i = 0; i < classes.size(); i++) {
            Classification c = classes.get(i);
            String which = statements.size() > 1 ? "statement " + (i + 1) + ": " : "";
            if (c.sqlClass() == SqlClass.TRANSACTION) {
                return refused("refused_transaction_control", which + c.reason() + ". The SQL tools end every "
                        + "transaction themselves; nothing was sent",
                        "Drop BEGIN/COMMIT/ROLLBACK/SET TRANSACTION; use run_sql_transaction for all-or-nothing work.");
            }
            if (c.sqlClass() == SqlClass.INVALID) {
                return refused("refused_invalid_sql", which + c.reason() + "; nothing was sent",
                        "Fix the statement; one statement per ';'.");
            }
            if (readOnly && c.blockedInReadOnly()) {
                return refused("refused_read_only", which + c.reason() + "; the server runs read-only, so nothing "
                        + "was sent", "Only plain reads run in read-only mode.");
            }
        }
        return new Parsed.Ok(new Script(statements, classes));
    }

    /** Several texts (run_sql_transaction's list) as one script. */
    static Parsed parseAll(List<String> texts, boolean readOnly) {
        List<Statement> all = new ArrayList<>();
        List<Classification> classes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Parsed p = parse(texts.get(i), readOnly, "statements[" + i + "]");
            if (p instanceof Parsed.Refused) {
                return p;
            }
            Script s = ((Parsed.Ok) p).script();
            all.addAll(s.statements());
            classes.addAll(s.classes());
        }
        return new Parsed.Ok(new Script(all, classes));
    }

    private static Parsed refused(String code, String message, String next) {
        return new Parsed.Refused(new ToolResult.Failed(code, message, next));
    }
}
