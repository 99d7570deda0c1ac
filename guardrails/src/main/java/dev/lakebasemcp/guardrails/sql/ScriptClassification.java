package dev.lakebasemcp.guardrails.sql;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on a whole SQL text. {@code sqlClass} is that of its most dangerous statement; with
 * more than one statement the {@link #label()} is {@code MULTI_<class>}. When the text does not lex
 * there are no statements and the class is {@link SqlClass#INVALID}.
 */
public record ScriptClassification(List<Classification> statements, SqlClass sqlClass, String reason) {
    public ScriptClassification {
        statements = List.copyOf(statements);
        Objects.requireNonNull(sqlClass, "sqlClass must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    public boolean isMulti() {
        return statements.size() > 1;
    }

    /** {@code READ}, {@code DESTRUCTIVE}, {@code MULTI_DESTRUCTIVE} ... as in cases.tsv. */
    public String label() {
        return isMulti() ? "MULTI_" + sqlClass.name() : sqlClass.name();
    }

    public Risk risk() {
        return sqlClass.risk();
    }

    public boolean blockedInReadOnly() {
        return sqlClass.blockedInReadOnly();
    }

    /** All tables any statement changes, in order. */
    public List<TableTouch> touches() {
        return statements.stream().flatMap(c -> c.touches().stream()).toList();
    }
}
