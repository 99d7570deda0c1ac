package dev.lakebasemcp.guardrails.sql;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.List;
import java.util.Objects;

/** The verdict on one statement: its class, a reason a person can read, and the tables it changes. */
public record Classification(Statement statement, SqlClass sqlClass, String reason, List<TableTouch> touches) {
    public Classification {
        Objects.requireNonNull(statement, "statement must not be null");
        Objects.requireNonNull(sqlClass, "sqlClass must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        touches = List.copyOf(touches);
    }

    public Risk risk() {
        return sqlClass.risk();
    }

    public boolean blockedInReadOnly() {
        return sqlClass.blockedInReadOnly();
    }
}
