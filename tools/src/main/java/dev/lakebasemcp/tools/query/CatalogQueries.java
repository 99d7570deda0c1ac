package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.guardrails.sql.LexResult;
import dev.lakebasemcp.guardrails.sql.SqlLexer;
import dev.lakebasemcp.guardrails.sql.Statement;
import dev.lakebasemcp.guardrails.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalog queries behind list_tables and describe_table: fixed text, values bound or numeric. */
final class CatalogQueries {

    private CatalogQueries() {
    }

    private static final String KIND = "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' "
            + "WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' END";

    /** $1: schema or null for every user schema. */
    static final String LIST_TABLES = "SELECT n.nspname AS schema, c.relname AS name, " + KIND + " AS kind, "
            + "CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::int8 END AS row_estimate, "
            + "pg_catalog.pg_total_relation_size(c.oid) AS size_bytes, pg_catalog.pg_get_userbyid(c.relowner) AS owner "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition "
            + "AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' "
            + "AND ($1::text IS NULL OR n.nspname = $1) ORDER BY 1, 2";

    /** $1: relation name, $2: schema or null (then the search path decides). */
    static final String FIND_TABLE = "SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, "
            + "coalesce(n.nspname = ANY (pg_catalog.current_schemas(false)), false) AS on_path "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relname = $1 AND ($2::text IS NULL OR n.nspname = $2) AND c.relkind IN ('r','p','v','m','f') "
            + "ORDER BY 4 DESC, array_position(pg_catalog.current_schemas(false), n.nspname), 2 LIMIT 10";

    /** Table facts, columns, constraints, indexes, foreign keys pointing at it: five results. */
    static String describe(long oid) {
        String o = Long.toString(oid);
        return "SELECT " + KIND + " AS kind, CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::int8 END AS "
                + "row_estimate, pg_catalog.pg_total_relation_size(c.oid) AS size_bytes, "
                + "pg_catalog.pg_get_userbyid(c.relowner) AS owner, pg_catalog.obj_description(c.oid, 'pg_class') AS comment "
                + "FROM pg_catalog.pg_class c WHERE c.oid = " + o + ";\n"
                + "SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, "
                + "NOT a.attnotnull AS nullable, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default, "
                + "CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity, "
                + "CASE a.attgenerated WHEN 's' THEN 'stored' END AS generated, "
                + "pg_catalog.col_description(a.attrelid, a.attnum) AS comment "
                + "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d "
                + "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = " + o + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;\n"
                + "SELECT conname AS name, CASE contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' "
                + "WHEN 'f' THEN 'foreign key' WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' "
                + "ELSE contype::text END AS type, pg_catalog.pg_get_constraintdef(oid, true) AS definition "
                + "FROM pg_catalog.pg_constraint WHERE conrelid = " + o + " AND contype <> 'n' "
                + "ORDER BY contype <> 'p', conname;\n"
                + "SELECT i.relname AS name, pg_catalog.pg_get_indexdef(x.indexrelid) AS definition, "
                + "x.indisunique AS unique, x.indisprimary AS primary, x.indisvalid AS valid "
                + "FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
                + "WHERE x.indrelid = " + o + " ORDER BY x.indisprimary DESC, i.relname;\n"
                + "SELECT conname AS name, conrelid::regclass::text AS from_table, "
                + "pg_catalog.pg_get_constraintdef(oid, true) AS definition FROM pg_catalog.pg_constraint "
                + "WHERE confrelid = " + o + " AND contype = 'f' ORDER BY 2, 1";
    }

    /** Our own fixed SQL, split by the same splitter as everything else. */
    static List<Statement> statements(String sql) {
        LexResult lexed = SqlLexer.lex(sql);
        if (!(lexed instanceof LexResult.Lexed ok)) {
            throw new IllegalStateException("catalog query does not lex: " + lexed);
        }
        return StatementSplitter.split(sql, ok.tokens());
    }

    /** A shaped result's rows as objects keyed by column name. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> records(Map<String, Object> shaped) {
        List<Map<String, Object>> columns = (List<Map<String, Object>>) shaped.get("columns");
        List<List<Object>> rows = (List<List<Object>>) shaped.get("rows");
        List<Map<String, Object>> out = new ArrayList<>();
        if (columns == null || rows == null) {
            return out;
        }
        for (List<Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put((String) columns.get(i).get("name"), row.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
