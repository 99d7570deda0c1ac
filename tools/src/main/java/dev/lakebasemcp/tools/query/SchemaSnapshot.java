package dev.lakebasemcp.tools.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a database's user schemas, read from pg_catalog with the {@code pg_get_*def} functions (there is
 * no pg_dump here): schemas, tables with their columns, constraints, indexes, views, functions and sequences.
 * Names are kept twice: as stored ({@code schema.name}, for people) and quoted by Postgres's own
 * {@code quote_ident} (for DDL); {@code schemas} maps each schema's name to its quoted form. Objects that belong to an extension are left out: the extension owns them.
 * Partitions (children of a partitioned table) are left out too; their parent is kept.
 */
record SchemaSnapshot(Map<String, String> schemas, Map<String, Table> tables, Map<String, Constraint> constraints,
        Map<String, Index> indexes, Map<String, View> views, Map<String, Function> functions,
        Map<String, Sequence> sequences) {

    SchemaSnapshot {
        schemas = unmodifiable(schemas);
        tables = unmodifiable(tables);
        constraints = unmodifiable(constraints);
        indexes = unmodifiable(indexes);
        views = unmodifiable(views);
        functions = unmodifiable(functions);
        sequences = unmodifiable(sequences);
    }

    /** {@code kind} is {@code table} or {@code partitioned table}; {@code partitionBy} only for the latter. */
    record Table(String name, String quoted, String kind, String partitionBy, List<Column> columns) {
        Table {
            columns = List.copyOf(columns);
        }

        Column column(String columnName) {
            for (Column c : columns) {
                if (c.name().equals(columnName)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** {@code identity}: {@code a} always, {@code d} by default, empty none; {@code generated}: {@code s} stored. */
    record Column(String name, String quoted, String type, boolean notNull, String defaultExpr, String identity,
            String generated) {
    }

    /** {@code type}: p, u, f, c or x as in pg_constraint. Keyed by table and name. */
    record Constraint(String table, String tableQuoted, String name, String quoted, String type, String definition) {
    }

    record Index(String table, String name, String quoted, String definition) {
    }

    /** {@code kind}: {@code view} or {@code materialized view}. */
    record View(String name, String quoted, String kind, String definition) {
    }

    /** Keyed by name and identity arguments, so overloads are told apart. */
    record Function(String signature, String quotedSignature, String kind, String definition) {
    }

    record Sequence(String name, String quoted, String type, long start, long increment, long min, long max,
            long cache, boolean cycle, String ownedBy) {
    }

    int objectCount() {
        return schemas.size() + tables.size() + constraints.size() + indexes.size() + views.size() + functions.size()
                + sequences.size();
    }

    private static final String USER_SCHEMA = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

    private static final String NOT_EXTENSION = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = "
            + "'%s'::regclass AND e.objid = %s AND e.deptype = 'e')";

    private static final String SCHEMAS = "SELECT n.nspname, pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_namespace n WHERE " + USER_SCHEMA
            + " AND (?::text IS NULL OR n.nspname = ?) AND " + NOT_EXTENSION.formatted("pg_namespace", "n.oid")
            + " ORDER BY 1";

    private static final String TABLES = "SELECT n.nspname || '.' || c.relname, pg_catalog.quote_ident(n.nspname) || '.' "
            + "|| pg_catalog.quote_ident(c.relname), c.relkind, "
            + "CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, a.attname, "
            + "pg_catalog.quote_ident(a.attname), pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
            + "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            + "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY (?) AND "
            + NOT_EXTENSION.formatted("pg_class", "c.oid") + " ORDER BY n.nspname, c.relname, a.attnum";

    private static final String CONSTRAINTS = "SELECT n.nspname || '.' || c.relname, pg_catalog.quote_ident(n.nspname) "
            + "|| '.' || pg_catalog.quote_ident(c.relname), k.conname, pg_catalog.quote_ident(k.conname), k.contype, "
            + "pg_catalog.pg_get_constraintdef(k.oid, true) "
            + "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
            + "AND n.nspname = ANY (?) AND " + NOT_EXTENSION.formatted("pg_class", "c.oid") + " ORDER BY 1, 3";

    /** Indexes that back a primary key, unique or exclusion constraint come with the constraint. */
    private static final String INDEXES = "SELECT n.nspname || '.' || t.relname, n.nspname || '.' || i.relname, "
            + "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(i.relname), "
            + "pg_catalog.pg_get_indexdef(x.indexrelid) "
            + "FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
            + "JOIN pg_catalog.pg_class t ON t.oid = x.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace "
            + "WHERE t.relkind IN ('r', 'p', 'm') AND NOT t.relispartition AND n.nspname = ANY (?) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid "
            + "AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')) AND "
            + NOT_EXTENSION.formatted("pg_class", "t.oid") + " ORDER BY 2";

    /** In oid order: a view made on another view comes after it. */
    private static final String VIEWS = "SELECT n.nspname || '.' || c.relname, pg_catalog.quote_ident(n.nspname) || '.' "
            + "|| pg_catalog.quote_ident(c.relname), c.relkind, pg_catalog.pg_get_viewdef(c.oid, true) "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (?) AND "
            + NOT_EXTENSION.formatted("pg_class", "c.oid") + " ORDER BY c.oid";

    /** Functions and procedures; pg_get_functiondef cannot show aggregates, so they are not compared. */
    private static final String FUNCTIONS = "SELECT n.nspname || '.' || p.proname || '(' "
            + "|| pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', pg_catalog.quote_ident(n.nspname) || '.' "
            + "|| pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) "
            + "|| ')', p.prokind, pg_catalog.pg_get_functiondef(p.oid) "
            + "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
            + "WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY (?) AND "
            + NOT_EXTENSION.formatted("pg_proc", "p.oid") + " ORDER BY p.oid";

    /** Identity columns' sequences belong to their column and are not listed; a serial's is, with its owner. */
    private static final String SEQUENCES = "SELECT n.nspname || '.' || c.relname, pg_catalog.quote_ident(n.nspname) "
            + "|| '.' || pg_catalog.quote_ident(c.relname), pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, "
            + "s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
            + "(SELECT pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.relname) || '.' "
            + "|| pg_catalog.quote_ident(a.attname) FROM pg_catalog.pg_depend d "
            + "JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            + "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a' LIMIT 1) "
            + "FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass "
            + "AND d.objid = c.oid AND d.deptype IN ('i', 'e')) ORDER BY 1";

    /**
     * Reads the snapshot on {@code c} (a pooled connection, not in auto-commit) inside one transaction, so every
     * query sees the same catalog, and rolls it back. {@code schema}: only this one, or null for every user schema.
     */
    static SchemaSnapshot read(Connection c, String schema, Limits limits) throws SQLException {
        try {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute(limits.setLocal());
                // As pg_dump does: with only pg_catalog on the path, pg_get_*def and format_type qualify every
                // user object, so the DDL means the same whatever search_path it later runs under.
                st.execute("SET LOCAL search_path = pg_catalog");
            }
            Map<String, String> schemas = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SCHEMAS)) {
                ps.setString(1, schema);
                ps.setString(2, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        schemas.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            java.sql.Array names = c.createArrayOf("text", schemas.keySet().toArray());
            Map<String, Table> tables = tables(c, names);
            Map<String, Constraint> constraints = new LinkedHashMap<>();
            each(c, CONSTRAINTS, names, rs -> {
                Constraint k = new Constraint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6));
                constraints.put(k.table() + "." + k.name(), k);
            });
            Map<String, Index> indexes = new LinkedHashMap<>();
            each(c, INDEXES, names, rs -> indexes.put(rs.getString(2), new Index(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getString(4))));
            Map<String, View> views = new LinkedHashMap<>();
            each(c, VIEWS, names, rs -> views.put(rs.getString(1), new View(rs.getString(1), rs.getString(2),
                    "m".equals(rs.getString(3)) ? "materialized view" : "view", rs.getString(4))));
            Map<String, Function> functions = new LinkedHashMap<>();
            each(c, FUNCTIONS, names, rs -> functions.put(rs.getString(1), new Function(rs.getString(1),
                    rs.getString(2), "p".equals(rs.getString(3)) ? "procedure" : "function", rs.getString(4))));
            Map<String, Sequence> sequences = new LinkedHashMap<>();
            each(c, SEQUENCES, names, rs -> sequences.put(rs.getString(1), new Sequence(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                    rs.getLong(8), rs.getBoolean(9), rs.getString(10))));
            return new SchemaSnapshot(schemas, tables, constraints, indexes, views, functions, sequences);
        } finally {
            c.rollback();
        }
    }

    private static Map<String, Table> tables(Connection c, java.sql.Array names) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        String current = null;
        String[] head = null;
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TABLES)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.equals(current)) {
                        if (current != null) {
                            tables.put(current, table(head, columns));
                        }
                        current = name;
                        head = new String[] {name, rs.getString(2), rs.getString(3), rs.getString(4)};
                        columns = new ArrayList<>();
                    }
                    if (rs.getString(5) != null) {
                        columns.add(new Column(rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                                rs.getString(9), Objects.toString(rs.getString(10), ""),
                                Objects.toString(rs.getString(11), "")));
                    }
                }
            }
        }
        if (current != null) {
            tables.put(current, table(head, columns));
        }
        return tables;
    }

    private static Table table(String[] head, List<Column> columns) {
        return new Table(head[0], head[1], "p".equals(head[2]) ? "partitioned table" : "table", head[3], columns);
    }

    private interface Row {
        void take(ResultSet rs) throws SQLException;
    }

    private static void each(Connection c, String sql, java.sql.Array names, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.take(rs);
                }
            }
        }
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
