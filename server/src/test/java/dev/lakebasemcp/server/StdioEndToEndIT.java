package dev.lakebasemcp.server;

import static dev.lakebasemcp.server.McpStdioClient.structured;
import static dev.lakebasemcp.server.McpStdioClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed workflow over stdio with a real MCP client, against the packaged jar on Lakebase Local:
 * project, branch with a ttl, endpoint, database, role, connection string, credential, and a real
 * connection with sslmode=require.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StdioEndToEndIT {

    static Path dataDir;
    static McpStdioClient mcp;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("lakebase-mcp-e2e");
        mcp = McpStdioClient.start(List.of("--local", "--data-dir", dataDir.toString()), Map.of());
    }

    @AfterAll
    static void stop() {
        if (mcp != null) {
            mcp.close();
        }
        DataDirs.delete(dataDir);
    }

    @Test
    @Order(1)
    void listsTheCatalogWithAnnotations() {
        List<McpSchema.Tool> tools = mcp.client.listTools().tools();
        assertTrue(tools.size() >= 25, "tools: " + tools.size());
        McpSchema.Tool delete = tools.stream().filter(t -> t.name().equals("delete_project")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, delete.annotations().destructiveHint());
        assertEquals(Boolean.FALSE, delete.annotations().readOnlyHint());
        assertNotNull(delete.outputSchema());
        assertTrue(mcp.client.getServerInstructions().contains("Lakebase Local"));
    }

    @Test
    @Order(2)
    void whoamiSaysLakebaseLocal() {
        McpSchema.CallToolResult r = mcp.call("whoami", Map.of());
        assertFalse(r.isError(), text(r));
        assertEquals("lakebase-local", structured(r).get("backend"));
        assertNotNull(structured(r).get("user"));
    }

    @Test
    @Order(3)
    void seedWorkflow() throws Exception {
        McpSchema.CallToolResult created = mcp.call("create_project", Map.of("project_id", "seed-app",
                "display_name", "Seed App"));
        assertFalse(created.isError(), text(created));
        assertTrue(text(created).contains("seed-app"));

        McpSchema.CallToolResult listed = mcp.call("list_projects", Map.of());
        assertFalse(listed.isError(), text(listed));
        assertTrue(text(listed).contains("seed-app"));

        McpSchema.CallToolResult branch = mcp.call("create_branch", Map.of("project_id", "seed-app", "branch_id", "dev",
                "ttl", "4h"));
        assertFalse(branch.isError(), text(branch));

        McpSchema.CallToolResult endpoint = mcp.call("create_endpoint", Map.of("project_id", "seed-app",
                "branch_id", "dev", "endpoint_id", "reporting", "endpoint_type", "read_only", "min_cu", 0.5, "max_cu", 2));
        assertFalse(endpoint.isError(), text(endpoint));

        McpSchema.CallToolResult role = mcp.call("create_role", Map.of("project_id", "seed-app", "branch_id", "dev",
                "role_id", "app-reader", "postgres_role", "app_reader"));
        assertFalse(role.isError(), text(role));

        McpSchema.CallToolResult db = mcp.call("create_database", Map.of("project_id", "seed-app", "branch_id", "dev",
                "database_name", "orders_db"));
        assertFalse(db.isError(), text(db));

        McpSchema.CallToolResult cs = mcp.call("get_connection_string", Map.of("project_id", "seed-app",
                "branch_id", "dev", "format", "jdbc"));
        assertFalse(cs.isError(), text(cs));
        assertTrue(((String) structured(cs).get("connection_string")).contains("sslmode=require"));
        assertFalse(text(cs).contains("password="), "no secret unless asked");

        McpSchema.CallToolResult cred = mcp.call("generate_database_credential", Map.of("project_id", "seed-app",
                "branch_id", "dev"));
        assertFalse(cred.isError(), text(cred));
        String token = (String) structured(cred).get("token");
        assertNotNull(token);

        Map<String, Object> c = structured(cs);
        Properties props = new Properties();
        props.setProperty("user", (String) c.get("user"));
        props.setProperty("password", token);
        props.setProperty("sslmode", "require");
        String url = "jdbc:postgresql://" + c.get("host") + ":" + c.get("port") + "/orders_db";
        try (Connection conn = DriverManager.getConnection(url, props); Statement st = conn.createStatement()) {
            st.execute("create table t(id int)");
            st.execute("insert into t values (1)");
            try (ResultSet rs = st.executeQuery("select count(*), current_user from t")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals(c.get("user"), rs.getString(2));
            }
            try (ResultSet rs = st.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the connection must be TLS");
            }
        }
    }

    @Test
    @Order(4)
    void destructiveCallsDoNotRunUnconfirmed() {
        McpSchema.CallToolResult r = mcp.call("delete_branch", Map.of("project_id", "seed-app", "branch_id", "dev"));
        assertTrue(r.isError());
        assertEquals("confirmation_required", structured(r).get("error"));
        McpSchema.CallToolResult still = mcp.call("describe_branch", Map.of("project_id", "seed-app", "branch_id", "dev"));
        assertFalse(still.isError(), "the branch must still be there: " + text(still));
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void describeProjectShowsEachBranchWithItsOwnEndpoints() {
        // Endpoint lists are read side by side: each must land on its own branch, in list_branches' order.
        McpSchema.CallToolResult d = mcp.call("describe_project", Map.of("project_id", "seed-app"));
        assertFalse(d.isError(), text(d));
        List<Map<String, Object>> branches = (List<Map<String, Object>>) structured(d).get("branches");
        McpSchema.CallToolResult listed = mcp.call("list_branches", Map.of("project_id", "seed-app"));
        List<Object> order = ((List<Map<String, Object>>) structured(listed).get("branches")).stream()
                .map(b -> b.get("branch_id")).toList();
        assertEquals(order, branches.stream().map(b -> b.get("branch_id")).toList());
        assertTrue(order.containsAll(List.of("production", "dev")), order.toString());
        Map<String, Object> resource = null;
        try {
            resource = new com.fasterxml.jackson.databind.ObjectMapper().readValue(((McpSchema.TextResourceContents)
                    mcp.client.readResource(new McpSchema.ReadResourceRequest("lakebase://projects/seed-app"))
                            .contents().get(0)).text(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<Map<String, Object>> resourceBranches = (List<Map<String, Object>>) resource.get("branches");
        for (int i = 0; i < branches.size(); i++) {
            Map<String, Object> b = branches.get(i);
            List<Map<String, Object>> eps = (List<Map<String, Object>>) b.get("endpoints");
            McpSchema.CallToolResult own = mcp.call("describe_branch", Map.of("project_id", "seed-app",
                    "branch_id", b.get("branch_id")));
            List<Object> ownEndpoints = ((List<Map<String, Object>>) structured(own).get("endpoints")).stream()
                    .map(e -> e.get("name")).toList();
            assertFalse(ownEndpoints.isEmpty(), text(own));
            assertEquals(ownEndpoints, eps.stream().map(e -> e.get("name")).toList(), "endpoints of " + b.get("branch_id"));
            assertEquals(ownEndpoints, ((List<Map<String, Object>>) resourceBranches.get(i).get("endpoints")).stream()
                    .map(e -> e.get("name")).toList(), "the resource's endpoints of " + b.get("branch_id"));
        }
    }

    @Test
    @Order(5)
    void resourcesPromptsAndCompletions() {
        McpSchema.ReadResourceResult tree = mcp.client.readResource(new McpSchema.ReadResourceRequest("lakebase://projects"));
        String json = ((McpSchema.TextResourceContents) tree.contents().get(0)).text();
        assertTrue(json.contains("seed-app") && json.contains("\"dev\""), json);
        McpSchema.ReadResourceResult one = mcp.client.readResource(new McpSchema.ReadResourceRequest(
                "lakebase://projects/seed-app"));
        assertTrue(((McpSchema.TextResourceContents) one.contents().get(0)).text().contains("endpoints"));

        List<String> prompts = mcp.client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
        assertTrue(prompts.containsAll(List.of("safe_migration", "connect_app")), prompts.toString());
        McpSchema.GetPromptResult p = mcp.client.getPrompt(new McpSchema.GetPromptRequest("safe_migration",
                Map.of("project_id", "seed-app", "change", "add a column")));
        assertTrue(((McpSchema.TextContent) p.messages().get(0).content()).text().contains("create_branch"));

        McpSchema.CompleteResult projects = mcp.client.completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("safe_migration"), new McpSchema.CompleteRequest.CompleteArgument("project_id", "se")));
        assertEquals(List.of("seed-app"), projects.completion().values());
        McpSchema.CompleteResult branches = mcp.client.completeCompletion(new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("safe_migration"), new McpSchema.CompleteRequest.CompleteArgument("branch_id", "d"),
                new McpSchema.CompleteRequest.CompleteContext(Map.of("project_id", "seed-app"))));
        assertEquals(List.of("dev"), branches.completion().values());
    }

    @Test
    @Order(6)
    void sqlAndMigrationsGoThroughTheGuard() {
        McpSchema.CallToolResult t = mcp.call("run_sql", Map.of("project_id", "seed-app",
                "sql", "create table items(id int primary key, name text); insert into items values (1, 'a'), (2, 'b')"));
        assertFalse(t.isError(), text(t));
        McpSchema.CallToolResult rows = mcp.call("run_sql", Map.of("project_id", "seed-app", "sql", "select * from items order by id"));
        assertFalse(rows.isError(), text(rows));
        assertEquals(2, ((List<?>) structured(rows).get("rows")).size(), text(rows));
        // Both forms carry every row and the warning: some clients show their model only one of them.
        assertTrue(text(rows).contains(">\n1,a\n2,b\n</data "), text(rows));
        assertTrue(String.valueOf(structured(rows).get("data_notice")).contains("untrusted"), structured(rows).toString());

        // Destructive SQL waits for the person; the token confirms exactly that call.
        Map<String, Object> drop = Map.of("project_id", "seed-app", "sql", "delete from items");
        McpSchema.CallToolResult ask = mcp.call("run_sql", drop);
        assertEquals("confirmation_required", structured(ask).get("error"), text(ask));
        assertEquals(2, ((List<?>) structured(mcp.call("run_sql", Map.of("project_id", "seed-app",
                "sql", "select * from items"))).get("rows")).size(), "nothing deleted before confirmation");

        McpSchema.CallToolResult prepared = mcp.call("prepare_migration", Map.of("project_id", "seed-app",
                "sql", "alter table items add column price numeric", "test_query", "select count(*) from items"));
        assertFalse(prepared.isError(), text(prepared));
        String migration = (String) structured(prepared).get("migration_id");
        Map<String, Object> complete = Map.of("project_id", "seed-app", "migration_id", migration);
        McpSchema.CallToolResult confirm = mcp.call("complete_migration", complete);
        assertEquals("confirmation_required", structured(confirm).get("error"), text(confirm));
        assertTrue(text(confirm).contains("add column price"), "the person must see the SQL: " + text(confirm));
        java.util.HashMap<String, Object> confirmed = new java.util.HashMap<>(complete);
        confirmed.put("confirmation_token", structured(confirm).get("confirmation_token"));
        McpSchema.CallToolResult applied = mcp.call("complete_migration", confirmed);
        assertFalse(applied.isError(), text(applied));
        McpSchema.CallToolResult cols = mcp.call("describe_table", Map.of("project_id", "seed-app", "table", "items"));
        assertTrue(text(cols).contains("price") || String.valueOf(structured(cols).get("columns")).contains("price"),
                text(cols));
    }
}
