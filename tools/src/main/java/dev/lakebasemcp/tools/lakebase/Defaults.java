package dev.lakebasemcp.tools.lakebase;

import dev.lakebasemcp.tools.call.Arguments;

/** Fills the defaults tools promise: the project's default branch, the primary endpoint. */
public final class Defaults {

    private final Lakebase lakebase;

    public Defaults(Lakebase lakebase) {
        this.lakebase = lakebase;
    }

    /** {@code branch_id} if given, else the project's default branch as Lakebase reports it. */
    public String branchId(Arguments args) {
        return args.string("branch_id").orElseGet(() -> defaultBranchOf(args.requiredString("project_id")));
    }

    public String defaultBranchOf(String projectId) {
        var status = lakebase.postgres().getProject(Names.project(projectId)).getStatus();
        String name = status == null ? null : status.getDefaultBranch();
        return name == null ? Names.DEFAULT_BRANCH : Names.lastId(name);
    }

    public String endpointId(Arguments args) {
        return args.string("endpoint_id").orElse(Names.PRIMARY_ENDPOINT);
    }
}
