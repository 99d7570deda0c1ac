package dev.lakebasemcp.tools.lakebase;

/** Lakebase resource names ({@code projects/p/branches/b/...}) built from the ids tools take. */
public final class Names {

    public static final String DEFAULT_BRANCH = "production";
    public static final String PRIMARY_ENDPOINT = "primary";
    public static final String DEFAULT_DATABASE = "databricks_postgres";

    private Names() {
    }

    public static String project(String projectId) {
        return "projects/" + projectId;
    }

    public static String branch(String projectId, String branchId) {
        return project(projectId) + "/branches/" + branchId;
    }

    public static String endpoint(String projectId, String branchId, String endpointId) {
        return branch(projectId, branchId) + "/endpoints/" + endpointId;
    }

    public static String database(String projectId, String branchId, String databaseId) {
        return branch(projectId, branchId) + "/databases/" + databaseId;
    }

    public static String role(String projectId, String branchId, String roleId) {
        return branch(projectId, branchId) + "/roles/" + roleId;
    }

    /** The last segment of a resource name: {@code projects/p/branches/dev} gives {@code dev}. */
    public static String lastId(String name) {
        if (name == null) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
