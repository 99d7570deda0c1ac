package dev.lakebasemcp.emulator;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.service.postgres.Operation;

/**
 * Reset is Lakebase Local's own route ({@code POST /api/2.0/postgres/{branch}/reset}): SDK 0.141.0 has no
 * method for it, so tests call it through the SDK's ApiClient and poll with getOperation.
 */
final class BranchReset {

    private BranchReset() {
    }

    static Operation reset(WorkspaceClient w, String branch) throws Exception {
        Request request = new Request(Request.POST, "/api/2.0/postgres/" + branch + "/reset");
        request.withHeader("Accept", "application/json");
        Operation op = w.apiClient().execute(request, Operation.class);
        for (int i = 0; i < 120 && !Boolean.TRUE.equals(op.getDone()); i++) {
            Thread.sleep(500);
            op = w.postgres().getOperation(op.getName());
        }
        return op;
    }
}
