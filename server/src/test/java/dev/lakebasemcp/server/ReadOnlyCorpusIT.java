package dev.lakebasemcp.server;

import static dev.lakebasemcp.server.McpStdioClient.structured;
import static dev.lakebasemcp.server.McpStdioClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakebasemcp.guardrails.sql.SharedCases;
import dev.lakebasemcp.guardrails.sql.StatementClassifier;
import dev.lakebasemcp.guardrails.sql.Classification;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every case of shared/sql-guard/cases.tsv, as the file stands, goes through run_sql on a --read-only server
 * against Lakebase Local; afterwards every table, sequence, large object, function, role and setting is
 * exactly as before. Cases marked must_block_in_read_only must come back as errors.
 */
class ReadOnlyCorpusIT {

    @Test
    void noCaseChangesAnythingInReadOnlyMode() throws Exception {
        Path dataDir = Files.createTempDirectory("lakebase-mcp-corpus");
        try {
            checkEveryCase(dataDir);
        } finally {
            DataDirs.delete(dataDir);
        }
    }

    private static void checkEveryCase(Path dataDir) throws Exception {
        // 1. A project with the fixture loaded, made by a read-write server (read-only has no create_project).
        try (McpStdioClient writer = McpStdioClient.start(List.of("--local", "--data-dir", dataDir.toString()), Map.of())) {
            McpSchema.CallToolResult created = writer.call("create_project", Map.of("project_id", "corpus"));
            assertFalse(created.isError(), text(created));
            try (Connection c = connect(writer); Statement st = c.createStatement()) {
                String fixture = Files.readString(SharedCases.sqlGuardDir().resolve("fixture.sql"), StandardCharsets.UTF_8);
                for (Classification stmt : new StatementClassifier().classify(fixture).statements()) {
                    try {
                        st.execute(stmt.statement().text());
                    } catch (SQLException e) {
                        // dblink may be missing from the embedded binaries; the cases that need it then fail
                        // on their own, which is no change either.
                        System.err.println("fixture: " + e.getMessage());
                    }
                }
            }
        }
        // 2. The same data through a read-only server.
        try (McpStdioClient ro = McpStdioClient.start(List.of("--local", "--read-only", "--data-dir", dataDir.toString()),
                Map.of())) {
            String before;
            try (Connection c = connect(ro)) {
                before = checksum(c);
            }
            List<String> notBlocked = new ArrayList<>();
            int cases = 0;
            for (SharedCases.Case k : SharedCases.cases()) {
                cases++;
                McpSchema.CallToolResult r = ro.call("run_sql", Map.of("project_id", "corpus", "sql", k.input(),
                        "statement_timeout_ms", 2000));
                if (k.mustBlockInReadOnly() && !Boolean.TRUE.equals(r.isError())) {
                    notBlocked.add(k + " -> " + text(r));
                }
            }
            assertTrue(cases >= 150, "cases: " + cases);
            assertTrue(notBlocked.isEmpty(), "ran in read-only mode: " + notBlocked);
            // The server is still serving.
            assertFalse(ro.call("run_sql", Map.of("project_id", "corpus", "sql", "select count(*) from users")).isError());
            String after;
            try (Connection c = connect(ro)) {
                after = checksum(c);
            }
            assertEquals(before, after, "the database changed in read-only mode");
        }
    }

    private static Connection connect(McpStdioClient mcp) throws SQLException {
        McpSchema.CallToolResult cs = mcp.call("get_connection_string", Map.of("project_id", "corpus",
                "include_password", true, "format", "jdbc"));
        assertFalse(cs.isError(), text(cs));
        Map<String, Object> s = structured(cs);
        String url = (String) s.get("connection_string");
        return DriverManager.getConnection(url, new Properties());
    }

    /** One digest over user data, sequences, large objects, functions, roles, extensions and settings. */
    static String checksum(Connection c) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select format('%I.%I', n.nspname, c.relname), c.relkind from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog','information_schema') "
                    + "and n.nspname not like 'pg_toast%' and c.relkind in ('r','m','S','p') order by 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1) + "|" + rs.getString(2));
                }
            }
            for (String t : tables) {
                String name = t.substring(0, t.lastIndexOf('|'));
                String q = t.endsWith("|S") ? "select last_value::text || is_called::text from " + name
                        : "select coalesce(md5(string_agg(x::text, ',' order by x::text)), '') from " + name + " x";
                try (ResultSet rs = st.executeQuery(q)) {
                    rs.next();
                    all.append(t).append('=').append(rs.getString(1)).append('\n');
                }
            }
            for (String q : List.of(
                    "select string_agg(format('%s.%s', relnamespace::regnamespace, relname) || relkind::text, ',' order by relnamespace::regnamespace::text, relname) from pg_class",
                    "select string_agg(format('%s(%s)%s%s', proname, pg_get_function_identity_arguments(oid), provolatile, md5(prosrc)), ',' order by 1) from pg_proc",
                    "select string_agg(format('%s:%s%s%s', rolname, rolsuper, rolcreaterole, rolcanlogin), ',' order by 1) from pg_roles",
                    "select string_agg(extname, ',' order by 1) from pg_extension",
                    "select string_agg(format('%s:%s', oid, md5(lo_get(oid))), ',' order by 1) from pg_largeobject_metadata",
                    "select coalesce(string_agg(array_to_string(setconfig, ';'), ',' order by 1), '') from pg_db_role_setting",
                    "select string_agg(datname, ',' order by 1) from pg_database",
                    "select count(*) from pg_prepared_xacts",
                    "select count(*) from pg_replication_slots")) {
                try (ResultSet rs = st.executeQuery(q)) {
                    rs.next();
                    all.append(q.hashCode()).append('=').append(rs.getString(1)).append('\n');
                }
            }
        }
        return all.toString();
    }
}
