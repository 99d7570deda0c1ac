package dev.lakebasemcp.tools.lakebase;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import dev.lakebasemcp.tools.call.ToolResult;
import java.util.Locale;
import java.util.Map;

/**
 * Turns Lakebase and SDK errors into what the agent should do next (lakebase-facts.md, "Errors the tools
 * must explain"), instead of passing a stack of SDK text through.
 */
public final class Explain {

    private Explain() {
    }

    /** An error from an SDK call. */
    public static ToolResult.Failed error(RuntimeException e) {
        if (e instanceof DatabricksError d) {
            return explain(d.getErrorCode(), d.getStatusCode(), clean(d.getMessage()));
        }
        String msg = clean(e.getMessage());
        if (e instanceof DatabricksException && msg.startsWith("Operation failed: [")) {
            int close = msg.indexOf(']');
            return explain(msg.substring("Operation failed: [".length(), close), 0, msg.substring(close + 1).trim());
        }
        return explain(null, 0, msg);
    }

    /** An operation that finished with an error. */
    public static ToolResult.Failed operation(String errorCode, String message) {
        return explain(errorCode, 0, clean(message));
    }

    static ToolResult.Failed explain(String errorCode, int status, String message) {
        String code = errorCode == null ? "" : errorCode.toUpperCase(Locale.ROOT);
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("default credentials") || m.contains("cannot configure default")) {
            return fail("not_authenticated", message,
                    "Authenticate first (databricks auth login) or start the server with --profile NAME; "
                            + "without either it runs on Lakebase Local.");
        }
        if (m.contains("protected branch")) {
            return fail("branch_protected", message,
                    "Unprotect it first with update_branch is_protected=false, if the person agrees.");
        }
        if (m.contains("root branch") || m.contains("default branch")) {
            return fail("branch_is_root", message,
                    "The production (default) branch cannot be deleted or reset. Work on a child branch instead.");
        }
        if (m.contains("children") || m.contains("child branch")) {
            return fail("branch_has_children", message, "Delete or move its child branches first.");
        }
        if (m.contains("read-write endpoint")) {
            return fail("endpoint_is_primary", message,
                    "A branch's read-write endpoint goes away only with its branch (delete_branch).");
        }
        if (m.contains("update_mask") || m.contains("update mask")) {
            return fail("update_mask_required", message, "Name the fields being changed.");
        }
        if (m.contains("autoscaling") || m.contains("max_cu") || m.contains("_cu ")) {
            return fail("invalid_compute_size", message,
                    "Autoscaling is 0.5-32 CU with max minus min at most 16 CU; fixed sizes are 36-112 CU.");
        }
        if (code.equals("NOT_FOUND") || code.equals("RESOURCE_DOES_NOT_EXIST") || status == 404
                || m.contains("not found")) {
            return fail("not_found", message,
                    "Check the id: list_projects, list_branches, list_endpoints, list_databases or list_roles show what exists.");
        }
        if (code.contains("ALREADY_EXISTS") || status == 409 || m.contains("already exists")) {
            return fail("already_exists", message, "Use the existing resource, or choose another id.");
        }
        if (code.equals("PERMISSION_DENIED") || status == 403) {
            return fail("permission_denied", message,
                    "The identity lacks workspace permissions for this; ask a workspace admin, or use another profile.");
        }
        if (code.equals("UNAUTHENTICATED") || status == 401) {
            return fail("not_authenticated", message,
                    "Re-authenticate (databricks auth login) or check the profile's token.");
        }
        if (code.equals("RESOURCE_EXHAUSTED") || code.equals("REQUEST_LIMIT_EXCEEDED") || status == 429) {
            return fail("limit_reached", message,
                    "A Lakebase limit or rate limit was hit (10 unarchived branches per project, 1,000 projects "
                            + "per workspace); delete what is no longer needed or wait and retry.");
        }
        if (code.equals("TEMPORARILY_UNAVAILABLE") || status == 503 || code.equals("ABORTED")) {
            return fail("unavailable", message, "Lakebase is busy with this resource; retry in a few seconds.");
        }
        if (code.equals("INVALID_PARAMETER_VALUE") || code.equals("BAD_REQUEST") || code.equals("INVALID_STATE")
                || status == 400) {
            return fail("invalid_argument", message, "Fix the argument named in the message and call again.");
        }
        return fail("lakebase_error", message.isEmpty() ? "Lakebase returned an error without a message" : message,
                null);
    }

    private static ToolResult.Failed fail(String code, String message, String next) {
        return new ToolResult.Failed(code, message, next, Map.of());
    }

    /** Drops the SDK's trace id suffix; it is noise to an agent. */
    private static String clean(String message) {
        if (message == null) {
            return "";
        }
        int trace = message.indexOf(" [TraceId:");
        return (trace > 0 ? message.substring(0, trace) : message).trim();
    }
}
