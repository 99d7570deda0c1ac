package dev.lakebasemcp.emulator.model;

/** Resource names as the API spells them: {@code projects/p/branches/b/endpoints/e}. */
public final class Names {

    private Names() {
    }

    public static String project(String projectId) {
        return "projects/" + projectId;
    }

    public static String branch(String projectId, String branchId) {
        return project(projectId) + "/branches/" + branchId;
    }

    public static String child(String projectId, String branchId, String collection, String id) {
        return branch(projectId, branchId) + "/" + collection + "/" + id;
    }

    public static String quoteIdent(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A resource id made from a Postgres role name such as an e-mail address: lowercase, other characters
     * as hyphens, starting with a letter, at most 63 characters.
     */
    public static String idFrom(String text) {
        String id = text.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0))) {
            id = "r-" + id;
        }
        if (id.length() > 63) {
            id = id.substring(0, 63).replaceAll("-+$", "");
        }
        return id;
    }
}
