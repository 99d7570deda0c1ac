package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.lakebase.Names;
import java.util.Objects;

/**
 * Where SQL runs: a project, a branch (null: the project's default branch) and a Postgres database.
 */
public record Target(String projectId, String branchId, String database) {

    public Target {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(database, "database");
    }

    public static Target of(Arguments args) {
        return new Target(args.requiredString("project_id"), args.string("branch_id").orElse(null),
                args.string("database").orElse(Names.DEFAULT_DATABASE));
    }

    public Target onBranch(String branch) {
        return new Target(projectId, branch, database);
    }
}
