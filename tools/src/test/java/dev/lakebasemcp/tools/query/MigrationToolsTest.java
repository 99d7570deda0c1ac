package dev.lakebasemcp.tools.query;

import static dev.lakebasemcp.tools.query.LocalFixture.failed;
import static dev.lakebasemcp.tools.query.LocalFixture.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.shape.CsvReader;
import dev.lakebasemcp.tools.shape.UntrustedText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** compare_schemas, prepare_migration and complete_migration on Lakebase Local, through the real SDK and pgjdbc. */
class MigrationToolsTest {

    static LocalFixture fx;
    static SqlTools tools;
    static Map<String, ToolHandler> h;

    @BeforeAll
    static void start() throws Exception {
        fx = new LocalFixture("migrations", c -> c);
        tools = new SqlTools(fx.lakebase, false, Clock.systemUTC(), ConnectionPools.Settings.standard(),
                new Operations(fx.lakebase, Duration.ofMinutes(2)));
        h = fx.handlers(tools);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tools != null) {
            tools.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    static ToolResult call(String tool, Object... kv) {
        return h.get(tool).call(fx.args(kv), CallContext.NONE);
    }

    static ToolResult sql(String branch, String sql) {
        return call("run_sql", "branch_id", branch, "sql", sql);
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> rows(ToolResult r) {
        return (List<List<Object>>) ok(r).structured().get("rows");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> differences(ToolResult.Ok ok) {
        return (List<Map<String, Object>>) ok.structured().get("differences");
    }

    static boolean has(List<Map<String, Object>> diffs, String kind, String name, String change) {
        return diffs.stream().anyMatch(d -> d.get("kind").equals(kind) && d.get("name").equals(name)
                && d.get("change").equals(change));
    }

    static List<String> branches() {
        List<String> ids = new ArrayList<>();
        for (Branch b : fx.lakebase.postgres().listBranches(Names.project(fx.project))) {
            ids.add(Names.lastId(b.getName()));
        }
        return ids;
    }

    static void createBranch(String id) throws Exception {
        fx.lakebase.postgres().createBranch(new CreateBranchRequest().setParent(Names.project(fx.project))
                .setBranchId(id).setBranch(new Branch().setSpec(new BranchSpec()
                        .setSourceBranch(Names.branch(fx.project, "production"))
                        .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(3600).build()))))
                .waitForCompletion();
    }

    @Test
    void compareShowsAddedColumnIndexTableAndMoreBothWaysAndItsDdlRoundTrips() throws Exception {
        ok(sql("production", "create table cmp_items (id int primary key, name text not null);"
                + "create view cmp_names as select name from cmp_items"));
        createBranch("cmp");
        ok(sql("cmp", "alter table cmp_items add column price numeric(10,2) not null default 0;"
                + "create index cmp_items_name on cmp_items (name);"
                + "alter table cmp_items alter column name drop not null;"
                + "create table \"Cmp Orders\" (id bigint generated always as identity primary key, "
                + "item int references cmp_items(id), total numeric check (total >= 0));"
                + "create function cmp_double(x int) returns int language sql immutable return x * 2;"
                + "create sequence cmp_seq start 100;"
                + "create or replace view cmp_names as select name, price from cmp_items;"
                + "create schema \"Cmp Extra\"; create table \"Cmp Extra\".notes (id serial primary key, body text)"));

        ToolResult.Ok same = ok(call("compare_schemas", "to_branch_id", "production"));
        assertEquals(true, same.structured().get("identical"), same.text());
        assertFalse(same.structured().containsKey(UntrustedText.NOTICE_FIELD), "no data, no notice");

        ToolResult.Ok forward = ok(call("compare_schemas", "to_branch_id", "cmp"));
        List<Map<String, Object>> d = differences(forward);
        assertTrue(has(d, "column", "public.cmp_items.price", "added"), d.toString());
        assertTrue(has(d, "column", "public.cmp_items.name", "changed"), d.toString());
        assertTrue(has(d, "index", "public.cmp_items_name", "added"), d.toString());
        assertTrue(has(d, "table", "public.Cmp Orders", "added"), d.toString());
        assertTrue(has(d, "constraint", "public.Cmp Orders.Cmp Orders_item_fkey", "added"), d.toString());
        assertTrue(has(d, "function", "public.cmp_double(x integer)", "added"), d.toString());
        assertTrue(has(d, "sequence", "public.cmp_seq", "added"), d.toString());
        assertTrue(has(d, "view", "public.cmp_names", "changed"), d.toString());
        assertTrue(has(d, "schema", "Cmp Extra", "added"), d.toString());
        assertTrue(has(d, "sequence", "Cmp Extra.notes_id_seq", "added"), d.toString());
        String ddl = (String) forward.structured().get("ddl");
        assertTrue(ddl.contains("CREATE SCHEMA \"Cmp Extra\";"), ddl);
        assertTrue(ddl.contains("DEFAULT nextval('\"Cmp Extra\".notes_id_seq'::regclass) NOT NULL"), ddl);
        assertTrue(ddl.contains("ALTER SEQUENCE \"Cmp Extra\".notes_id_seq OWNED BY \"Cmp Extra\".notes.id;"), ddl);
        assertTrue(ddl.contains("ALTER TABLE public.cmp_items ADD COLUMN price numeric(10,2) DEFAULT 0 NOT NULL;"), ddl);
        assertTrue(ddl.contains("CREATE INDEX cmp_items_name ON public.cmp_items USING btree (name);"), ddl);
        assertTrue(ddl.contains("CREATE TABLE public.\"Cmp Orders\""), ddl);
        assertTrue(ddl.contains("id bigint GENERATED ALWAYS AS IDENTITY"), ddl);
        assertTrue(ddl.indexOf("CREATE TABLE public.\"Cmp Orders\"") < ddl.indexOf("FOREIGN KEY"), ddl);
        // Qualified whatever the search_path, as pg_dump writes it.
        assertTrue(ddl.contains("FOREIGN KEY (item) REFERENCES public.cmp_items(id);"), ddl);
        assertTrue(ddl.contains("FROM public.cmp_items;"), ddl);
        assertTrue(forward.text().contains("untrusted"), forward.text());
        assertEquals(UntrustedText.NOTICE, forward.structured().get(UntrustedText.NOTICE_FIELD));
        List<String> blocks = CsvReader.blocks(forward.text());
        assertEquals(2, blocks.size(), "differences, then DDL: " + forward.text());
        assertTrue(CsvReader.records(blocks.get(1)).contains(List.of("CREATE SCHEMA \"Cmp Extra\";")), blocks.get(1));

        ToolResult.Ok backward = ok(call("compare_schemas", "from_branch_id", "cmp", "to_branch_id", "production"));
        List<Map<String, Object>> b = differences(backward);
        assertTrue(has(b, "column", "public.cmp_items.price", "removed"), b.toString());
        assertTrue(has(b, "index", "public.cmp_items_name", "removed"), b.toString());
        assertTrue(has(b, "table", "public.Cmp Orders", "removed"), b.toString());
        String back = (String) backward.structured().get("ddl");
        assertTrue(back.contains("ALTER TABLE public.cmp_items DROP COLUMN price;"), back);
        assertTrue(back.contains("DROP INDEX public.cmp_items_name;"), back);
        assertTrue(back.contains("DROP TABLE public.\"Cmp Orders\";"), back);

        // The DDL is runnable: the backward script makes cmp's schema production's again, the forward one
        // (applied inside a transaction) makes production's cmp's.
        ok(call("run_sql_transaction", "branch_id", "cmp", "statements", List.of(back)));
        assertEquals(true, ok(call("compare_schemas", "to_branch_id", "cmp")).structured().get("identical"));
        ok(call("run_sql_transaction", "branch_id", "cmp", "statements", List.of(ddl)));
        assertEquals(d.size(), differences(ok(call("compare_schemas", "to_branch_id", "cmp"))).size());

        List<Map<String, Object>> extra = differences(ok(call("compare_schemas", "to_branch_id", "cmp", "schema",
                "Cmp Extra")));
        assertTrue(extra.stream().allMatch(x -> x.get("name").toString().startsWith("Cmp Extra")), extra.toString());
        assertTrue(has(extra, "table", "Cmp Extra.notes", "added"), extra.toString());
        ToolResult.Ok onlyOther = ok(call("compare_schemas", "to_branch_id", "cmp", "schema", "no_such_schema"));
        assertEquals(true, onlyOther.structured().get("identical"));
        ToolResult.Failed missing = failed(call("compare_schemas", "to_branch_id", "no-such-branch"));
        assertEquals("not_found", missing.code(), missing.asStructured().toString());
        fx.lakebase.postgres().deleteBranch(Names.branch(fx.project, "cmp")).waitForCompletion();
    }

    @Test
    void prepareAppliesOnATemporaryBranchOnlyThenCompleteAppliesToTheTargetAndDeletesIt() {
        ok(sql("production", "create table accounts (id int primary key, name text not null);"
                + "insert into accounts values (1, 'ann'), (2, 'bob')"));
        String migration = "alter table accounts add column email text;\n"
                + "update accounts set email = name || '@example.com';\n"
                + "create unique index accounts_email on accounts (email)";
        ToolResult.Ok prepared = ok(call("prepare_migration", "sql", migration,
                "test_query", "select id, email from accounts order by id"));
        Map<String, Object> s = prepared.structured();
        String id = (String) s.get("migration_id");
        String temp = (String) s.get("temp_branch_id");
        assertTrue(temp.matches("migration-[a-z0-9]{8}"), temp);
        assertEquals("production", s.get("target_branch_id"));
        assertEquals(3, s.get("statements"));
        assertEquals(MigrationTools.digest(migration), s.get("sql_digest"));
        List<Map<String, Object>> diffs = differences(prepared);
        assertTrue(has(diffs, "column", "public.accounts.email", "added"), diffs.toString());
        assertTrue(has(diffs, "index", "public.accounts_email", "added"), diffs.toString());
        assertEquals(2, diffs.size(), diffs.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) s.get("test_result");
        assertEquals(List.of(List.of(1L, "ann@example.com"), List.of(2L, "bob@example.com")), test.get("rows"));
        assertEquals(UntrustedText.NOTICE, s.get(UntrustedText.NOTICE_FIELD));
        assertFalse(test.containsKey(UntrustedText.NOTICE_FIELD), "one notice per result, at the top");
        assertTrue(prepared.text().contains("complete_migration"), prepared.text());
        assertTrue(prepared.text().contains("\n2,bob@example.com\n"), prepared.text());

        assertTrue(branches().contains(temp));
        assertEquals(List.of(List.of(false)), rows(sql("production", "select exists (select 1 from "
                + "information_schema.columns where table_name = 'accounts' and column_name = 'email')")));
        assertEquals(List.of(List.of("bob@example.com")), rows(sql(temp, "select email from accounts where id = 2")));

        String impact = tools.migrationImpact(Map.of("migration_id", id)).orElseThrow();
        assertTrue(impact.contains("branch production") && impact.contains(migration), impact);
        assertTrue(tools.migrationImpact(Map.of("migration_id", "migration-nope1234")).isEmpty());

        ToolResult.Ok done = ok(call("complete_migration", "migration_id", id));
        assertEquals(true, done.structured().get("applied"));
        assertEquals(migration, done.structured().get("sql"));
        assertEquals(true, done.structured().get("temp_branch_deleted"));
        assertEquals(List.of(List.of("ann@example.com")), rows(sql("production", "select email from accounts where id = 1")));
        assertFalse(branches().contains(temp), branches().toString());

        ToolResult.Failed again = failed(call("complete_migration", "migration_id", id));
        assertEquals("unknown_migration", again.code());
    }

    @Test
    void completeRefusesAnUnknownIdAndAnotherProject() {
        ToolResult.Failed unknown = failed(call("complete_migration", "migration_id", "migration-nope1234"));
        assertEquals("unknown_migration", unknown.code());
        assertTrue(unknown.message().contains("nothing was applied"), unknown.message());
        ToolResult.Failed discardUnknown = failed(call("complete_migration", "migration_id", "migration-nope1234",
                "discard", true));
        assertEquals("unknown_migration", discardUnknown.code());

        String id = (String) ok(call("prepare_migration", "sql", "create table other_project_t (id int)"))
                .structured().get("migration_id");
        ToolResult.Failed wrongProject = failed(h.get("complete_migration").call(new dev.lakebasemcp.tools.call
                .Arguments(Map.of("project_id", "someone-else", "migration_id", id)), CallContext.NONE));
        assertEquals("invalid_argument", wrongProject.code());
        ToolResult.Ok discarded = ok(call("complete_migration", "migration_id", id, "discard", true));
        assertEquals(true, discarded.structured().get("discarded"));
        assertEquals(true, discarded.structured().get("temp_branch_deleted"));
        assertEquals(List.of(List.of(false)), rows(sql("production",
                "select to_regclass('other_project_t') is not null")));
    }

    @Test
    void completeRefusesWhenTheTargetSchemaChangedSincePrepare() {
        String id = (String) ok(call("prepare_migration", "sql", "create table drift_a (id int)"))
                .structured().get("migration_id");
        ok(sql("production", "create table drift_b (id int)"));
        ToolResult.Failed changed = failed(call("complete_migration", "migration_id", id));
        assertEquals("target_changed", changed.code());
        assertTrue(changed.details().get("differences").toString().contains("public.drift_b"), changed.details().toString());
        assertEquals(List.of(List.of(false)), rows(sql("production", "select to_regclass('drift_a') is not null")));
        ok(call("complete_migration", "migration_id", id, "discard", true));
        assertFalse(branches().contains(id));
    }

    @Test
    void aFailingMigrationLeavesNothingHalfAppliedAndReportsThePostgresError() {
        String migration = "create table half (id int); insert into half values (1); insert into no_such_table values (1)";
        ToolResult.Failed kept = failed(call("prepare_migration", "sql", migration, "keep_branch_on_failure", true));
        assertEquals("sql_error", kept.code());
        assertEquals("42P01", kept.details().get("sqlstate"));
        assertEquals(3, kept.details().get("statement"));
        assertTrue(kept.message().contains("rolled back"), kept.message());
        String temp = (String) kept.details().get("temp_branch_id");
        assertEquals(List.of(List.of(false)), rows(sql(temp, "select to_regclass('half') is not null")),
                "statements 1 and 2 ran, then were rolled back with 3");
        assertEquals("migration_failed", failed(call("complete_migration", "migration_id", temp)).code());
        ok(call("complete_migration", "migration_id", temp, "discard", true));
        assertFalse(branches().contains(temp));

        ToolResult.Failed cleaned = failed(call("prepare_migration", "sql", migration));
        assertEquals("42P01", cleaned.details().get("sqlstate"));
        assertEquals(true, cleaned.details().get("temp_branch_deleted"));
        assertFalse(branches().contains((String) cleaned.details().get("temp_branch_id")));
        assertEquals(List.of(List.of(false)), rows(sql("production", "select to_regclass('half') is not null")));

        ToolResult.Failed refused = failed(call("prepare_migration", "sql", "begin; create table x (id int); commit"));
        assertEquals("refused_transaction_control", refused.code());
        assertNotEquals(0, branches().size());
        assertTrue(branches().stream().noneMatch(b -> b.startsWith("migration-")), branches().toString());
    }
}
