package dev.lakebasemcp.emulator.model;

import java.time.Instant;
import java.util.Objects;

/** A database of a branch: a real Postgres database owned by the role {@code roleId}. */
public record Database(String projectId, String branchId, String databaseId, Instant createTime, Instant updateTime,
        String postgresDatabase, String roleId) {

    public Database {
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(postgresDatabase, "postgresDatabase");
        Objects.requireNonNull(roleId, "roleId");
    }

    public String name() {
        return Names.child(projectId, branchId, "databases", databaseId);
    }

    public String parent() {
        return Names.branch(projectId, branchId);
    }

    public Database onBranch(String newBranchId, Instant now) {
        return new Database(projectId, newBranchId, databaseId, now, now, postgresDatabase, roleId);
    }
}
