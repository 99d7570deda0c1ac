package dev.lakebasemcp.emulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A role of a branch: a real Postgres role. {@code identityType} null means a plain Postgres role. */
public record Role(String projectId, String branchId, String roleId, Instant createTime, Instant updateTime,
        String postgresRole, String identityType, String authMethod, List<String> membershipRoles,
        boolean createdb, boolean createrole, boolean bypassrls) {

    public static final String SUPERUSER_MEMBERSHIP = "DATABRICKS_SUPERUSER";
    /** The Postgres role standing for DATABRICKS_SUPERUSER: powerful, but not a real superuser. */
    public static final String SUPERUSER_GROUP = "databricks_superuser";

    public Role {
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(postgresRole, "postgresRole");
        Objects.requireNonNull(authMethod, "authMethod");
        membershipRoles = List.copyOf(membershipRoles);
    }

    public String name() {
        return Names.child(projectId, branchId, "roles", roleId);
    }

    public String parent() {
        return Names.branch(projectId, branchId);
    }

    public boolean canLogin() {
        return !"NO_LOGIN".equals(authMethod);
    }

    public Role onBranch(String newBranchId, Instant now) {
        return new Role(projectId, newBranchId, roleId, now, now, postgresRole, identityType, authMethod,
                membershipRoles, createdb, createrole, bypassrls);
    }
}
