package dev.lakebasemcp.server.cli;

import dev.lakebasemcp.tools.catalog.ToolDefinition;
import java.util.Map;

/** Says in a person's words what a destructive call would lose. */
final class Impacts {

    private Impacts() {
    }

    static String describe(ToolDefinition tool, Map<String, Object> args) {
        Object project = args.get("project_id");
        Object branch = args.getOrDefault("branch_id", "the default branch");
        switch (tool.name()) {
            case "delete_project":
                return "Delete project " + project + " with ALL its branches, endpoints, databases, roles and data.";
            case "delete_branch":
                return "Delete branch " + branch + " of project " + project + " with its endpoints and all its data.";
            case "reset_branch":
                return "Reset branch " + branch + " of project " + project + " to its parent's latest data: every "
                        + "change made on the branch is lost.";
            case "delete_endpoint":
                return "Delete endpoint " + args.get("endpoint_id") + " on branch " + branch + " of project " + project
                        + "; its connections are cut.";
            case "delete_database":
                return "Drop database " + args.get("database_id") + " on branch " + branch + " of project " + project
                        + " with every table in it.";
            case "delete_role":
                return "Drop role " + args.get("role_id") + " on branch " + branch + " of project " + project + ".";
            default:
                return tool.name() + " " + args;
        }
    }
}
