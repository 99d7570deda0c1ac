package dev.lakebasemcp.guardrails.sql;

import java.util.Objects;

/**
 * A table a statement changes, and how. Best effort: it lists tables named in the statement's text,
 * not those reached through functions, triggers, rules or views.
 */
public record TableTouch(QualifiedName table, Action action) {
    public TableTouch {
        Objects.requireNonNull(table, "table must not be null");
        Objects.requireNonNull(action, "action must not be null");
    }

    public enum Action {
        /** INSERT, UPDATE, DELETE, MERGE, COPY FROM. */
        WRITE,
        TRUNCATE,
        /** ALTER TABLE. */
        ALTER,
        /** DROP TABLE. */
        DROP,
        /** CREATE INDEX ON the table. */
        INDEX,
        /** CREATE TABLE, CREATE TABLE AS, SELECT INTO. */
        CREATE
    }
}
