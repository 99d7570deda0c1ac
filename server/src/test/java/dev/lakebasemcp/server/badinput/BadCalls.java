package dev.lakebasemcp.server.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The malformed calls, as data: each a JSON-RPC body, what must come back, and a word the error must name.
 * Project-scoped calls name {@link #PROJECT}, which the tests create first so that rule checks are reached
 * rather than masked by "project not found".
 */
final class BadCalls {

    static final String PROJECT = "bad-input";
    static final String MEGABYTE = "a".repeat(1024 * 1024);

    /** How the server must answer. */
    enum Expect {
        /** A tools/call result with isError true whose text names the field or rule. */
        TOOL_ERROR,
        /** A JSON-RPC error object (unknown tool, broken params) whose message names the problem. */
        RPC_ERROR
    }

    /** One malformed call. {@code names} must appear (case-insensitive) in the error text. */
    record BadCall(String label, String body, Expect expect, String names) {
        @Override
        public String toString() {
            return label;
        }
    }

    private BadCalls() {
    }

    /** At least 50 calls that are well-formed JSON-RPC but wrong for the tool or the protocol. */
    static List<BadCall> all() {
        List<BadCall> c = new ArrayList<>();
        String p = "\"project_id\":\"" + PROJECT + "\"";
        // Wrong types.
        tool(c, "project_id as a number", "describe_project", "{\"project_id\":5}", "project_id");
        tool(c, "project_id as a boolean", "describe_project", "{\"project_id\":true}", "project_id");
        tool(c, "project_id as an array", "describe_project", "{\"project_id\":[\"a\"]}", "project_id");
        tool(c, "project_id as an object", "describe_project", "{\"project_id\":{}}", "project_id");
        tool(c, "project_id null", "describe_project", "{\"project_id\":null}", "project_id");
        tool(c, "max_results as a string", "list_projects", "{\"max_results\":\"10\"}", "max_results");
        tool(c, "max_results as a fraction", "list_projects", "{\"max_results\":1.5}", "max_results");
        tool(c, "max_results zero", "list_projects", "{\"max_results\":0}", "max_results");
        tool(c, "max_results over 500", "list_projects", "{\"max_results\":501}", "max_results");
        tool(c, "no_expiry as a string", "create_branch", "{" + p + ",\"branch_id\":\"b1\",\"no_expiry\":\"yes\"}",
                "no_expiry");
        tool(c, "min_cu as a string", "create_endpoint", "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":\"1\"}", "min_cu");
        tool(c, "suspend as a string", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"suspend_timeout_seconds\":\"60\"}", "suspend_timeout_seconds");
        tool(c, "pg_version as a string", "create_project", "{\"project_id\":\"typed\",\"pg_version\":\"17\"}",
                "pg_version");
        tool(c, "pg_version 15", "create_project", "{\"project_id\":\"old-pg\",\"pg_version\":15}", "pg_version");
        tool(c, "is_protected as a string", "update_branch", "{" + p + ",\"branch_id\":\"production\","
                + "\"is_protected\":\"true\"}", "is_protected");
        // Unknown fields.
        tool(c, "unknown field on list_projects", "list_projects", "{\"bogus\":1}", "bogus");
        tool(c, "unknown field on whoami", "whoami", "{\"verbose\":true}", "verbose");
        tool(c, "camelCase projectId", "describe_project", "{" + p + ",\"projectId\":\"" + PROJECT + "\"}", "projectId");
        tool(c, "unknown field name on create_project", "create_project", "{\"project_id\":\"named\",\"name\":\"x\"}",
                "name");
        tool(c, "unknown field parent on create_branch", "create_branch",
                "{" + p + ",\"branch_id\":\"b1\",\"ttl\":\"1h\",\"parent\":\"production\"}", "parent");
        // Bad ids.
        tool(c, "uppercase id", "describe_project", "{\"project_id\":\"ABC\"}", "project_id");
        tool(c, "mixed-case id", "create_project", "{\"project_id\":\"My-App\"}", "project_id");
        tool(c, "leading digit", "create_project", "{\"project_id\":\"1abc\"}", "project_id");
        tool(c, "empty id", "create_project", "{\"project_id\":\"\"}", "project_id");
        tool(c, "64-character id", "create_project", "{\"project_id\":\"" + "a".repeat(64) + "\"}", "project_id");
        tool(c, "trailing hyphen", "create_project", "{\"project_id\":\"ab-\"}", "project_id");
        tool(c, "underscore", "create_project", "{\"project_id\":\"a_b\"}", "project_id");
        tool(c, "space", "create_project", "{\"project_id\":\"a b\"}", "project_id");
        tool(c, "non-ASCII id", "create_project", "{\"project_id\":\"\u00fcnicode\"}", "project_id");
        tool(c, "uppercase branch id", "create_branch", "{" + p + ",\"branch_id\":\"Feature\",\"ttl\":\"1h\"}",
                "branch_id");
        tool(c, "branch id with a leading hyphen", "create_branch", "{" + p + ",\"branch_id\":\"-x\",\"ttl\":\"1h\"}",
                "branch_id");
        tool(c, "empty branch id", "describe_branch", "{" + p + ",\"branch_id\":\"\"}", "branch_id");
        tool(c, "endpoint id with a leading digit", "create_endpoint", "{" + p + ",\"endpoint_id\":\"9e\"}",
                "endpoint_id");
        tool(c, "uppercase role id", "create_role", "{" + p + ",\"role_id\":\"Bad\",\"postgres_role\":\"bad\"}",
                "role_id");
        // Compute sizes out of range, by schema and by Lakebase's rules.
        tool(c, "min_cu zero", "create_endpoint", "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":0,\"max_cu\":1}",
                "min_cu");
        tool(c, "min_cu negative", "create_endpoint", "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":-1,\"max_cu\":1}",
                "min_cu");
        tool(c, "max_cu 200", "create_endpoint", "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":1,\"max_cu\":200}",
                "max_cu");
        tool(c, "max_cu 113 on update", "update_endpoint", "{" + p + ",\"max_cu\":113}", "max_cu");
        tool(c, "min_cu 0.25 on update", "update_endpoint", "{" + p + ",\"min_cu\":0.25}", "min_cu");
        tool(c, "min_cu off the 0.5 step", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":0.75,\"max_cu\":1}", "_cu");
        tool(c, "autoscaling spread over 16", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":4,\"max_cu\":24}", "_cu");
        tool(c, "min_cu above max_cu", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":8,\"max_cu\":2}", "_cu");
        tool(c, "fixed size 33 (between 32 and 36)", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"min_cu\":33,\"max_cu\":33}", "_cu");
        tool(c, "suspend 10 s", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"suspend_timeout_seconds\":10}", "suspend_timeout_seconds");
        tool(c, "suspend over 7 days", "create_endpoint",
                "{" + p + ",\"endpoint_id\":\"e1\",\"suspend_timeout_seconds\":604801}", "suspend_timeout_seconds");
        // Branch expiry.
        tool(c, "ttl 31 days", "create_branch", "{" + p + ",\"branch_id\":\"b1\",\"ttl\":\"31d\"}", "ttl");
        tool(c, "ttl zero", "create_branch", "{" + p + ",\"branch_id\":\"b1\",\"ttl\":\"0h\"}", "ttl");
        tool(c, "ttl in weeks", "create_branch", "{" + p + ",\"branch_id\":\"b1\",\"ttl\":\"1w\"}", "ttl");
        tool(c, "negative ttl", "create_branch", "{" + p + ",\"branch_id\":\"b1\",\"ttl\":\"-1h\"}", "ttl");
        // Huge strings (1 MiB).
        tool(c, "1 MiB project id", "describe_project", "{\"project_id\":\"" + MEGABYTE + "\"}", "project_id");
        tool(c, "1 MiB display name", "create_project", "{\"project_id\":\"huge-name\",\"display_name\":\""
                + MEGABYTE + "\"}", "display_name");
        tool(c, "1 MiB ttl", "create_branch", "{" + p + ",\"branch_id\":\"b1\",\"ttl\":\"" + MEGABYTE + "\"}", "ttl");
        tool(c, "1 MiB unknown field", "list_projects", "{\"padding\":\"" + MEGABYTE + "\"}", "padding");
        // Missing required fields.
        tool(c, "missing project_id", "describe_project", "{}", "project_id");
        tool(c, "missing branch_id", "create_branch", "{" + p + "}", "branch_id");
        tool(c, "missing postgres_role", "create_role", "{" + p + ",\"role_id\":\"r1\"}", "postgres_role");
        tool(c, "missing database_name", "create_database", "{" + p + "}", "database_name");
        tool(c, "missing role_id on delete", "delete_role", "{" + p + "}", "role_id");
        tool(c, "missing project_id on delete", "delete_project", "{}", "project_id");
        // Unknown tools and broken tools/call params: JSON-RPC errors.
        rpc(c, "unknown tool", "{\"name\":\"drop_everything\",\"arguments\":{}}", "drop_everything");
        rpc(c, "tool name in the wrong case", "{\"name\":\"WHOAMI\",\"arguments\":{}}", "WHOAMI");
        rpc(c, "empty tool name", "{\"name\":\"\",\"arguments\":{}}", "tool");
        rpc(c, "1 MiB tool name", "{\"name\":\"" + MEGABYTE + "\",\"arguments\":{}}", "tool");
        rpc(c, "tools/call without a name", "{\"arguments\":{}}", "tool");
        c.add(new BadCall("tools/call without params", "{\"jsonrpc\":\"2.0\",\"id\":\"%ID%\",\"method\":\"tools/call\"}",
                Expect.RPC_ERROR, "params"));
        rpc(c, "arguments as a string", "{\"name\":\"list_projects\",\"arguments\":\"all\"}", "arguments");
        rpc(c, "arguments as an array", "{\"name\":\"list_projects\",\"arguments\":[1,2]}", "arguments");
        c.add(new BadCall("unknown method", "{\"jsonrpc\":\"2.0\",\"id\":\"%ID%\",\"method\":\"projects/drop\"}",
                Expect.RPC_ERROR, "projects/drop"));
        return c;
    }

    /**
     * Frames that are not JSON-RPC requests at all: invalid JSON, wrong version, no method, arrays, scalars.
     * Each must be refused with a JSON-RPC error (HTTP: a 4xx) and leave the session serving.
     */
    static List<String> malformedFrames() {
        return List.of(
                "this is not json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
                "[1,2,3]",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}, 7]",
                "{}",
                "\"ping\"",
                "42",
                "null");
    }

    private static void tool(List<BadCall> c, String label, String tool, String argsJson, String names) {
        c.add(new BadCall(label, "{\"jsonrpc\":\"2.0\",\"id\":\"%ID%\",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + argsJson + "}}", Expect.TOOL_ERROR, names));
    }

    private static void rpc(List<BadCall> c, String label, String paramsJson, String names) {
        c.add(new BadCall(label, "{\"jsonrpc\":\"2.0\",\"id\":\"%ID%\",\"method\":\"tools/call\",\"params\":"
                + paramsJson + "}", Expect.RPC_ERROR, names));
    }
}
