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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confirmation of destructive calls with real clients: one without elicitation (the token path: forged,
 * replayed, reused for other arguments, another tool or another project are all refused) and one with
 * elicitation (accept, decline, cancel, and an answer that never comes).
 */
class ConfirmationIT {

    static McpStdioClient tokens;
    static McpStdioClient asking;
    static Path dir;
    static final AtomicReference<String> answer = new AtomicReference<>("accept");
    static final AtomicReference<String> lastQuestion = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("lakebase-mcp-confirm");
        tokens = McpStdioClient.start(List.of("--local", "--data-dir", dir.resolve("a").toString()), Map.of());
        assertFalse(tokens.call("create_project", Map.of("project_id", "alpha")).isError());
        assertFalse(tokens.call("create_project", Map.of("project_id", "beta")).isError());
        for (String b : List.of("b1", "b2", "b3", "b4")) {
            McpSchema.CallToolResult r = tokens.call("create_branch", Map.of("project_id", "alpha", "branch_id", b, "ttl", "1h"));
            assertFalse(r.isError(), text(r));
        }
        asking = McpStdioClient.start(List.of("--local", "--data-dir", dir.resolve("b").toString()), Map.of(), request -> {
            lastQuestion.set(request.message());
            switch (answer.get()) {
                case "accept":
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true));
                case "accept-unticked":
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", false));
                case "decline":
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
                case "cancel":
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null);
                default:
                    throw new IllegalStateException("the person walked away");
            }
        });
        assertFalse(asking.call("create_project", Map.of("project_id", "gamma")).isError());
        for (String b : List.of("g1", "g2")) {
            assertFalse(asking.call("create_branch", Map.of("project_id", "gamma", "branch_id", b, "ttl", "1h")).isError());
        }
    }

    @AfterAll
    static void stop() {
        if (tokens != null) {
            tokens.close();
        }
        if (asking != null) {
            asking.close();
        }
        if (dir != null) {
            DataDirs.delete(dir.resolve("a"), dir.resolve("b"), dir);
        }
    }

    private static String tokenFor(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = tokens.call(tool, args);
        assertTrue(r.isError());
        assertEquals("confirmation_required", structured(r).get("error"), text(r));
        String token = (String) structured(r).get("confirmation_token");
        assertNotNull(token, text(r));
        return token;
    }

    private static Map<String, Object> with(Map<String, Object> args, String token) {
        Map<String, Object> m = new HashMap<>(args);
        m.put("confirmation_token", token);
        return m;
    }

    private static boolean branchExists(McpStdioClient c, String project, String branch) {
        return !c.call("describe_branch", Map.of("project_id", project, "branch_id", branch)).isError();
    }

    @Test
    void tokenConfirmsExactlyOneIdenticalCall() {
        Map<String, Object> args = Map.of("project_id", "alpha", "branch_id", "b1");
        String token = tokenFor("delete_branch", args);
        assertTrue(branchExists(tokens, "alpha", "b1"), "nothing happens before the token comes back");
        McpSchema.CallToolResult done = tokens.call("delete_branch", with(args, token));
        assertFalse(done.isError(), text(done));
        assertFalse(branchExists(tokens, "alpha", "b1"));
        // A reset leaves the branch in place, so its replay reaches the token check (a replayed delete would
        // stop earlier, at the rule that the branch must exist).
        Map<String, Object> reset = Map.of("project_id", "alpha", "branch_id", "b3");
        String resetToken = tokenFor("reset_branch", reset);
        McpSchema.CallToolResult first = tokens.call("reset_branch", with(reset, resetToken));
        assertFalse(first.isError(), text(first));
        McpSchema.CallToolResult replay = tokens.call("reset_branch", with(reset, resetToken));
        assertEquals("refused_confirmation_replayed", structured(replay).get("error"), text(replay));
    }

    @Test
    void tokenIsWorthlessForOtherArgumentsToolsOrProjects() {
        String token = tokenFor("delete_branch", Map.of("project_id", "alpha", "branch_id", "b2"));
        McpSchema.CallToolResult otherBranch = tokens.call("delete_branch",
                with(Map.of("project_id", "alpha", "branch_id", "b4"), token));
        assertEquals("refused_confirmation_other_arguments", structured(otherBranch).get("error"), text(otherBranch));
        McpSchema.CallToolResult otherTool = tokens.call("reset_branch",
                with(Map.of("project_id", "alpha", "branch_id", "b2"), token));
        assertTrue(((String) structured(otherTool).get("error")).startsWith("refused_confirmation_"), text(otherTool));
        McpSchema.CallToolResult otherProject = tokens.call("delete_project", with(Map.of("project_id", "beta"), token));
        assertTrue(((String) structured(otherProject).get("error")).startsWith("refused_confirmation_"), text(otherProject));
        assertTrue(branchExists(tokens, "alpha", "b2") && branchExists(tokens, "alpha", "b4"));
        assertFalse(tokens.call("describe_project", Map.of("project_id", "beta")).isError());
    }

    @Test
    void forgedAndTamperedTokensAreRefused() {
        Map<String, Object> args = Map.of("project_id", "beta");
        String real = tokenFor("delete_project", args);
        char last = real.charAt(real.length() - 1);
        String tampered = real.substring(0, real.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String forged : List.of("x", "not-a-token", tampered, real.substring(0, real.length() / 2), "a".repeat(300))) {
            McpSchema.CallToolResult r = tokens.call("delete_project", with(args, forged));
            assertTrue(r.isError());
            assertTrue(((String) structured(r).get("error")).startsWith("refused_confirmation_"), forged + ": " + text(r));
        }
        assertFalse(tokens.call("describe_project", Map.of("project_id", "beta")).isError());
    }

    @Test
    void elicitationAcceptDeclineCancelAndNoAnswer() {
        answer.set("decline");
        McpSchema.CallToolResult declined = asking.call("delete_branch", Map.of("project_id", "gamma", "branch_id", "g1"));
        assertEquals("refused_declined", structured(declined).get("error"), text(declined));
        assertTrue(lastQuestion.get().contains("g1") && lastQuestion.get().contains("gamma"), lastQuestion.get());
        answer.set("cancel");
        assertEquals("refused_declined", structured(asking.call("delete_branch",
                Map.of("project_id", "gamma", "branch_id", "g1"))).get("error"));
        answer.set("accept-unticked");
        assertEquals("refused_declined", structured(asking.call("delete_branch",
                Map.of("project_id", "gamma", "branch_id", "g1"))).get("error"));
        answer.set("no-answer");
        assertEquals("refused_not_confirmed", structured(asking.call("delete_branch",
                Map.of("project_id", "gamma", "branch_id", "g1"))).get("error"));
        assertTrue(branchExists(asking, "gamma", "g1"), "declined, cancelled or unanswered: nothing happens");

        answer.set("accept");
        McpSchema.CallToolResult accepted = asking.call("delete_branch", Map.of("project_id", "gamma", "branch_id", "g2"));
        assertFalse(accepted.isError(), text(accepted));
        assertFalse(branchExists(asking, "gamma", "g2"));
    }
}
