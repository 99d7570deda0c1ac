package dev.lakebasemcp.server.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.server.badinput.BadCalls.BadCall;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every transport must do with bad input: answer each malformed call with a clear error (an isError
 * tool result naming the field or rule, or a JSON-RPC error), keep serving, and change nothing. One server
 * per transport for the whole class; one project is created first so rule checks are reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BadInputContract {

    private final AtomicInteger ids = new AtomicInteger();
    private String projectsBefore;
    private String projectTreeBefore;

    /** Starts the server and initializes a session. */
    abstract void open() throws Exception;

    /** Sends one JSON-RPC request and returns the JSON-RPC reply carrying {@code id}. */
    abstract JsonNode call(String body, String id) throws Exception;

    abstract void shut() throws Exception;

    @BeforeAll
    void startAndSnapshot() throws Exception {
        open();
        JsonNode created = tool("create_project", "{\"project_id\":\"" + BadCalls.PROJECT + "\"}");
        assertFalse(created.at("/result/isError").asBoolean(false), created.toString());
        projectsBefore = listProjects();
        projectTreeBefore = projectTree();
        assertTrue(projectsBefore.contains(BadCalls.PROJECT), projectsBefore);
    }

    @AfterAll
    void stop() throws Exception {
        shut();
    }

    static List<BadCall> calls() {
        return BadCalls.all();
    }

    @Test
    @Order(0)
    void hasAtLeastFiftyCases() {
        assertTrue(BadCalls.all().size() >= 50, "only " + BadCalls.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    @Order(1)
    void refusesClearlyAndKeepsServing(BadCall bad) throws Exception {
        String id = "bad-" + ids.incrementAndGet();
        assertClearError(bad, call(bad.body().replace("%ID%", id), id));
        assertServing();
        assertEquals(projectsBefore, listProjects(), "list_projects changed after: " + bad.label());
    }

    void assertClearError(BadCall bad, JsonNode reply) {
        String named = bad.names().toLowerCase(Locale.ROOT);
        switch (bad.expect()) {
            case TOOL_ERROR -> {
                assertTrue(reply.has("result"), "expected a tool result, got " + abbreviate(reply));
                assertTrue(reply.at("/result/isError").asBoolean(false), "not an error: " + abbreviate(reply));
                String text = text(reply.at("/result/content"));
                assertTrue(text.toLowerCase(Locale.ROOT).contains(named), "'" + bad.names() + "' not named in: "
                        + abbreviate(text));
            }
            case RPC_ERROR -> {
                assertTrue(reply.has("error"), "expected a JSON-RPC error, got " + abbreviate(reply));
                String message = reply.at("/error/message").asText() + " " + reply.at("/error/data").asText();
                assertFalse(reply.at("/error/message").asText().isBlank(), abbreviate(reply));
                assertTrue(message.toLowerCase(Locale.ROOT).contains(named), "'" + bad.names() + "' not named in: "
                        + abbreviate(message));
            }
            default -> throw new AssertionError(bad.expect());
        }
    }

    @Test
    @Order(2)
    void changedNothing() throws Exception {
        assertEquals(projectsBefore, listProjects());
        assertEquals(projectTreeBefore, projectTree());
        JsonNode tools = request("tools/list", null);
        assertTrue(tools.at("/result/tools").size() >= 25, abbreviate(tools));
    }

    void assertServing() throws Exception {
        JsonNode who = tool("whoami", "{}");
        assertFalse(who.at("/result/isError").asBoolean(true), abbreviate(who));
    }

    JsonNode request(String method, String params) throws Exception {
        String id = "req-" + ids.incrementAndGet();
        return call("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}", id);
    }

    JsonNode tool(String name, String args) throws Exception {
        return request("tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + args + "}");
    }

    private String listProjects() throws Exception {
        JsonNode r = tool("list_projects", "{}");
        assertFalse(r.at("/result/isError").asBoolean(true), abbreviate(r));
        return r.at("/result/structuredContent").toString();
    }

    /** The project's branches, endpoints, databases and roles, as the tools report them. */
    private String projectTree() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String t : List.of("list_branches", "list_endpoints", "list_databases", "list_roles")) {
            JsonNode r = tool(t, "{\"project_id\":\"" + BadCalls.PROJECT + "\"}");
            s.append(t).append('=').append(r.at("/result/structuredContent")).append('\n');
        }
        return s.toString();
    }

    private static String text(JsonNode content) {
        StringBuilder s = new StringBuilder();
        content.forEach(c -> s.append(c.path("text").asText()).append('\n'));
        return s.toString();
    }

    static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 600 ? s : s.substring(0, 600) + "... (" + s.length() + " chars)";
    }
}
