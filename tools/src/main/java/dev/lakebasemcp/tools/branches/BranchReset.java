package dev.lakebasemcp.tools.branches;

import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.postgres.Operation;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Explain;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.lakebase.Views;
import java.io.IOException;
import java.util.Map;

/**
 * Branch reset. databricks-sdk-java 0.141.0 has no resetBranch method, so the call goes through the SDK's own
 * ApiClient (same auth, retries and error mapping) to the route Lakebase Local serves. Against a workspace
 * the route is not in the public API this SDK knows: the tool says so and offers what the API allows.
 */
public final class BranchReset {

    /** Lakebase Local's route: {@code POST /api/2.0/postgres/{branch}/reset}, answering an Operation. */
    static final String ROUTE_SUFFIX = "/reset";

    private final Lakebase lakebase;
    private final Operations operations;

    public BranchReset(Lakebase lakebase, Operations operations) {
        this.lakebase = lakebase;
        this.operations = operations;
    }

    ToolResult reset(String branchName, CallContext ctx) {
        if (lakebase.kind() != Lakebase.Kind.LOCAL) {
            return new ToolResult.Failed("not_supported",
                    "Resetting a branch is not available through the Lakebase API that databricks-sdk-java 0.141.0 exposes",
                    "Reset it in the Lakebase UI, or delete the branch and create it again from its parent "
                            + "(create_branch with the same id) to get the parent's latest data.");
        }
        Operation op;
        try {
            Request req = new Request(Request.POST, "/api/2.0/postgres/" + branchName + ROUTE_SUFFIX, "{}");
            req.withHeader("Accept", "application/json").withHeader("Content-Type", "application/json");
            op = lakebase.workspace().apiClient().execute(req, Operation.class);
        } catch (IOException e) {
            return new ToolResult.Failed("lakebase_error", "reset request failed: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            return Explain.error(e);
        }
        String branchId = Names.lastId(branchName);
        return operations.finish(op.getName(), "Resetting branch " + branchId, ctx,
                () -> ToolResult.ok(Map.of("branch", Views.of(lakebase.postgres().getBranch(branchName))),
                        "Reset branch " + branchId + " to its parent's latest data; its own changes are gone."),
                Map.of("branch", Map.of("branch_id", branchId)), "describe_branch");
    }
}
