package dev.lakebasemcp.server;

import static dev.lakebasemcp.server.McpStdioClient.structured;
import static dev.lakebasemcp.server.McpStdioClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The guard over stdio against Lakebase Local: hard rules refuse before anything is sent and whatever is
 * confirmed; destructive calls wait for a person; read-only and project scope hold.
 */
class GuardIT {

    static Path dataDir;
    static McpStdioClient mcp;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("lakebase-mcp-guard");
        mcp = McpStdioClient.start(List.of("--local", "--data-dir", dataDir.toString()), Map.of());
        McpSchema.CallToolResult r = mcp.call("create_project", Map.of("project_id", "guarded"));
        assertFalse(r.isError(), text(r));
    }

    @AfterAll
    static void stop() {
        if (mcp != null) {
            mcp.close();
        }
        DataDirs.delete(dataDir);
    }

    private static String refusal(McpSchema.CallToolResult r) {
        assertTrue(r.isError(), "expected a refusal, got: " + text(r));
        return (String) structured(r).get("error");
    }

    @Test
    void productionBranchIsNeverDeletedOrReset() {
        assertTrue(refusal(mcp.call("delete_branch", Map.of("project_id", "guarded", "branch_id", "production")))
                .startsWith("refused_"));
        assertTrue(refusal(mcp.call("delete_branch", Map.of("project_id", "guarded", "branch_id", "production",
                "confirmation_token", "anything"))).startsWith("refused_"));
        assertTrue(refusal(mcp.call("reset_branch", Map.of("project_id", "guarded", "branch_id", "production")))
                .startsWith("refused_"));
        assertFalse(mcp.call("describe_branch", Map.of("project_id", "guarded", "branch_id", "production")).isError());
    }

    @Test
    void branchExpiryIsRequiredAndBounded() {
        McpSchema.CallToolResult noTtl = mcp.call("create_branch", Map.of("project_id", "guarded", "branch_id", "x1"));
        assertTrue(refusal(noTtl).startsWith("refused_"), text(noTtl));
        assertTrue(text(noTtl).contains("ttl"), text(noTtl));
        McpSchema.CallToolResult tooLong = mcp.call("create_branch", Map.of("project_id", "guarded", "branch_id", "x2",
                "ttl", "45d"));
        assertTrue(refusal(tooLong).startsWith("refused_"));
        assertTrue(text(tooLong).contains("30 days"), text(tooLong));
        McpSchema.CallToolResult branches = mcp.call("list_branches", Map.of("project_id", "guarded"));
        assertFalse(text(branches).contains("x1") || text(branches).contains("x2"), "nothing may have been created");
    }

    @Test
    void computeRangesAreCheckedBeforeSending() {
        McpSchema.CallToolResult wide = mcp.call("create_endpoint", Map.of("project_id", "guarded", "endpoint_id", "wide",
                "min_cu", 1, "max_cu", 20));
        assertTrue(refusal(wide).startsWith("refused_"));
        assertTrue(text(wide).contains("16"), text(wide));
        McpSchema.CallToolResult grow = mcp.call("update_endpoint", Map.of("project_id", "guarded", "max_cu", 30));
        assertTrue(refusal(grow).startsWith("refused_"), text(grow));
        McpSchema.CallToolResult eps = mcp.call("list_endpoints", Map.of("project_id", "guarded"));
        assertFalse(text(eps).contains("wide"));
    }

    @Test
    void destructiveCallWithoutElicitationNeedsConfirmationAndChangesNothing() {
        McpSchema.CallToolResult r = mcp.call("delete_project", Map.of("project_id", "guarded"));
        assertEquals("confirmation_required", refusal(r));
        assertTrue(text(r).contains("ALL its branches"), text(r));
        assertFalse(mcp.call("describe_project", Map.of("project_id", "guarded")).isError());
    }

    @Test
    void readOnlyServerListsNoWriteToolsAndRefusesThem() throws Exception {
        Path other = Files.createTempDirectory("lakebase-mcp-ro");
        try (McpStdioClient ro = McpStdioClient.start(List.of("--local", "--read-only", "--project", "guarded",
                "--data-dir", other.toString()), Map.of())) {
            List<String> names = ro.client.listTools().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toList());
            assertTrue(names.contains("list_projects"));
            assertFalse(names.contains("create_project"));
            assertFalse(names.contains("delete_project"));
            for (McpSchema.Tool t : ro.client.listTools().tools()) {
                assertEquals(Boolean.TRUE, t.annotations().readOnlyHint(), t.name());
            }
            assertThrows(RuntimeException.class, () -> ro.call("create_project", Map.of("project_id", "sneaky")));
            McpSchema.CallToolResult outOfScope = ro.call("describe_project", Map.of("project_id", "other-project"));
            assertEquals("refused_project_scope", refusal(outOfScope));
        } finally {
            DataDirs.delete(other);
        }
    }
}
