package dev.lakebasemcp.guardrails.sql;

import java.util.Arrays;
import java.util.Set;

/**
 * Word lists the classifier uses to tell a function call {@code name(...)} from syntax that is
 * followed by a parenthesis. Mistakes here err towards seeing a call where there is none
 * (a false alarm), never the other way.
 */
final class Keywords {
    private Keywords() {
    }

    /**
     * Words that PostgreSQL's grammar reads as syntax when a {@code (} follows them: reserved words and
     * the few others used that way. A quoted identifier is never one of these.
     */
    static final Set<String> SYNTAX_BEFORE_PAREN = Set.copyOf(Arrays.asList(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "not", "null", "offset", "on", "only",
            "or", "order", "placing", "primary", "references", "returning", "select", "some", "symmetric", "table",
            "then", "to", "trailing", "true", "union", "unique", "using", "variadic", "when", "where", "window", "with",
            "between", "exists", "like", "ilike", "similar", "is", "escape", "overlaps", "join", "by", "values",
            "over", "filter", "within", "set", "materialized", "insert", "update", "delete", "merge", "row",
            "columns", "passing", "zone", "first", "next", "tablesample", "operator", "key", "include"));

    /**
     * Words after which an expression (and so a function call) can start. After any other plain word,
     * {@code name(} is an alias or table name with a column list ({@code FROM t x(a, b)}).
     */
    static final Set<String> BEFORE_EXPRESSION = Set.copyOf(Arrays.asList(
            "all", "and", "any", "array", "asc", "asymmetric", "between", "both", "by", "call", "case", "cross",
            "current", "desc", "distinct", "do", "else", "elsif", "end", "escape", "except", "exists", "fetch",
            "filter", "first", "following", "for", "from", "full", "group", "having", "if", "ilike", "in", "inner",
            "intersect", "into", "is", "join", "key", "last", "lateral", "leading", "left", "like", "limit", "loop",
            "matched", "natural", "next", "not", "nothing", "nulls", "of", "offset", "on", "only", "or", "order",
            "ordinality", "outer", "over", "overlaps", "partition", "perform", "placing", "preceding", "query",
            "raise", "range", "recursive", "repeatable", "return", "returning", "right", "rows", "groups", "select",
            "set", "similar", "some", "symmetric", "then", "ties", "to", "trailing", "unbounded", "union", "update",
            "using", "values", "variadic", "when", "where", "while", "window", "with", "within", "zone", "exit",
            "continue", "strict", "begin", "exception", "atomic", "collate", "time", "at", "default", "others",
            "exclude", "unknown", "null", "true", "false", "isnull", "notnull", "grouping", "sets", "cube", "rollup",
            "insert", "delete", "merge", "explain", "analyze", "analyse", "verbose", "execute", "table", "share",
            "nowait", "locked", "skip", "cycle", "search", "depth", "breadth", "materialized", "no", "operator",
            "document", "content", "version", "standalone", "name", "value", "passing", "format", "json", "encoding",
            "wrapper", "keys", "unique", "without", "error", "empty", "scalar", "path", "columns", "epoch", "by"));

    /** After these, {@code name(} is a table (or sampling method) with a column list, not a call. */
    static final Set<String> BEFORE_RELATION = Set.copyOf(Arrays.asList("into", "table", "references", "tablesample", "copy"));

    /** Words a WHERE clause may hold without referring to a column. */
    static final Set<String> CONSTANT_WORDS = Set.copyOf(Arrays.asList(
            "true", "false", "null", "and", "or", "not", "is", "distinct", "from", "in", "between", "symmetric",
            "asymmetric", "like", "ilike", "similar", "to", "escape", "case", "when", "then", "else", "end", "cast",
            "as", "unknown", "any", "all", "some", "array", "interval", "current_date", "current_timestamp",
            "current_time", "localtime", "localtimestamp", "current_user", "session_user", "current_role", "user",
            "collate", "isnull", "notnull"));

    /** Words that start an SQL statement inside a function body (after PL/pgSQL control words). */
    static final Set<String> BODY_STATEMENT_START = Set.copyOf(Arrays.asList(
            "select", "insert", "update", "delete", "merge", "truncate", "drop", "alter", "create", "grant", "revoke",
            "copy", "call", "commit", "rollback", "set", "reset", "lock", "vacuum", "analyze", "refresh", "notify",
            "listen", "do", "perform", "with", "values", "table", "explain", "comment", "reindex", "cluster", "discard",
            "prepare", "savepoint", "release", "reassign", "security", "checkpoint", "load"));

    /** PL/pgSQL words after which a body statement may start. */
    static final Set<String> BODY_CONTROL = Set.copyOf(Arrays.asList(
            "begin", "then", "else", "loop", "declare", "exception", "atomic", "query", "in", "do"));
}
