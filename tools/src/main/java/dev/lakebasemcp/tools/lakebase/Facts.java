package dev.lakebasemcp.tools.lakebase;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchStatusState;
import com.databricks.sdk.service.postgres.Endpoint;
import dev.lakebasemcp.guardrails.rules.BranchFacts;

/**
 * What the guard must know about existing resources to apply Lakebase's rules before a request is sent:
 * read through the SDK, so the same facts hold against a workspace and Lakebase Local.
 */
public final class Facts {

    private final Lakebase lakebase;

    public Facts(Lakebase lakebase) {
        this.lakebase = lakebase;
    }

    /** The branch rules' view of one branch: default, protected, root, and how many branches come from it. */
    public BranchFacts branch(String projectId, String branchId) {
        String name = Names.branch(projectId, branchId);
        Branch target = lakebase.postgres().getBranch(name);
        int children = 0;
        for (Branch b : lakebase.postgres().listBranches(Names.project(projectId))) {
            String source = b.getStatus() == null ? null : b.getStatus().getSourceBranch();
            if (name.equals(source)) {
                children++;
            }
        }
        var s = target.getStatus();
        boolean isDefault = s != null && Boolean.TRUE.equals(s.getDefault());
        boolean isProtected = s != null && Boolean.TRUE.equals(s.getIsProtected());
        boolean isRoot = s == null || s.getSourceBranch() == null || s.getSourceBranch().isEmpty();
        return new BranchFacts(branchId, isDefault, isProtected, isRoot, children);
    }

    /** Branches of the project that count against the limit of unarchived branches. */
    public int unarchivedBranches(String projectId) {
        int n = 0;
        for (Branch b : lakebase.postgres().listBranches(Names.project(projectId))) {
            if (b.getStatus() == null || b.getStatus().getCurrentState() != BranchStatusState.ARCHIVED) {
                n++;
            }
        }
        return n;
    }

    /** The endpoint's current autoscaling range as {min, max}; nulls where Lakebase reports none. */
    public Double[] endpointSize(String projectId, String branchId, String endpointId) {
        Endpoint e = lakebase.postgres().getEndpoint(Names.endpoint(projectId, branchId, endpointId));
        var s = e.getStatus();
        return new Double[] {s == null ? null : s.getAutoscalingLimitMinCu(), s == null ? null : s.getAutoscalingLimitMaxCu()};
    }

    /** The project's default branch id (what "branch_id omitted" means). */
    public String defaultBranch(String projectId) {
        return new Defaults(lakebase).defaultBranchOf(projectId);
    }
}
