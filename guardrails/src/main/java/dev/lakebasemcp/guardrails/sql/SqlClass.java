package dev.lakebasemcp.guardrails.sql;

import dev.lakebasemcp.guardrails.risk.Risk;

/**
 * What a statement does, from {@code shared/sql-guard/README.md}. The declaration order is the
 * order of danger: a script, or a statement with several findings, takes the greatest.
 * {@link #INVALID} is greatest because it is refused outright, whatever else the script holds.
 */
public enum SqlClass {
    READ(Risk.READ),
    WRITE(Risk.WRITE),
    DDL(Risk.WRITE),
    SESSION(Risk.WRITE),
    /** Refused in run_sql (run_sql_transaction owns transactions) whatever its risk says. */
    TRANSACTION(Risk.WRITE),
    INFO_DISCLOSURE(Risk.DESTRUCTIVE),
    SIDE_EFFECT(Risk.DESTRUCTIVE),
    PRIVILEGE(Risk.DESTRUCTIVE),
    OPAQUE_CODE(Risk.DESTRUCTIVE),
    DESTRUCTIVE(Risk.DESTRUCTIVE),
    /** Does not lex, holds nothing to run, or is not understood: refused before it is sent. Its risk says destructive so that a caller looking only at risk still fails closed. */
    INVALID(Risk.DESTRUCTIVE);

    private final Risk risk;

    SqlClass(Risk risk) {
        this.risk = risk;
    }

    public Risk risk() {
        return risk;
    }

    /** Read-only mode lets only reads through; everything else could write or leave the READ ONLY transaction. */
    public boolean blockedInReadOnly() {
        return this != READ;
    }

    public boolean isMoreDangerousThan(SqlClass other) {
        return compareTo(other) > 0;
    }

    public static SqlClass max(SqlClass a, SqlClass b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
