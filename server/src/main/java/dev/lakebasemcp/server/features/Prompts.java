package dev.lakebasemcp.server.features;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** Workflows an agent can be handed as a prompt: a safe migration, and connecting an app. */
final class Prompts {

    static final String SAFE_MIGRATION = "safe_migration";
    static final String CONNECT_APP = "connect_app";

    private Prompts() {
    }

    static SyncPromptSpecification safeMigration() {
        McpSchema.Prompt prompt = new McpSchema.Prompt(SAFE_MIGRATION, "Safe schema migration",
                "Plan and apply a schema change on a branch first, verify it, then apply it to the target branch.",
                List.of(new McpSchema.PromptArgument("project_id", "Project id", "The project to migrate.", true),
                        new McpSchema.PromptArgument("branch_id", "Target branch", "Branch to migrate; default production.", false),
                        new McpSchema.PromptArgument("change", "Change", "What the migration should do, in words or SQL.", true)));
        return new SyncPromptSpecification(prompt, (exchange, request) -> {
            Map<String, Object> a = request.arguments() == null ? Map.of() : request.arguments();
            String project = String.valueOf(a.getOrDefault("project_id", "<project>"));
            String target = String.valueOf(a.getOrDefault("branch_id", "production"));
            String change = String.valueOf(a.getOrDefault("change", "<describe the change>"));
            String text = "Apply this schema change to branch '" + target + "' of Lakebase project '" + project
                    + "' safely:\n\n" + change + "\n\nSteps:\n"
                    + "1. create_branch from '" + target + "' with a short ttl (e.g. 4h) named migration-<short-name>.\n"
                    + "2. Write the migration as SQL; run it on the temporary branch with run_sql (branch_id = the new branch).\n"
                    + "3. Verify: describe_table / run_sql read queries on the temporary branch; compare_schemas against '"
                    + target + "' if available. Show the person the DDL that differs.\n"
                    + "4. Only after the person approves, run the same SQL on '" + target + "'. Destructive statements "
                    + "(DROP, TRUNCATE, DELETE without WHERE, ALTER ... DROP) will ask the person to confirm: never "
                    + "confirm on their behalf.\n"
                    + "5. delete_branch the temporary branch (it also expires by itself).\n"
                    + "Never run the migration on production first, and never drop data the person did not name.";
            return new McpSchema.GetPromptResult("Safe migration of " + project + "/" + target,
                    List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
        });
    }

    static SyncPromptSpecification connectApp() {
        McpSchema.Prompt prompt = new McpSchema.Prompt(CONNECT_APP, "Connect an app",
                "Wire an application to a Lakebase database with short-lived credentials and sslmode=require.",
                List.of(new McpSchema.PromptArgument("project_id", "Project id", "The project the app uses.", true),
                        new McpSchema.PromptArgument("branch_id", "Branch", "Branch; default production.", false),
                        new McpSchema.PromptArgument("language", "Language", "e.g. java, typescript, python.", false)));
        return new SyncPromptSpecification(prompt, (exchange, request) -> {
            Map<String, Object> a = request.arguments() == null ? Map.of() : request.arguments();
            String project = String.valueOf(a.getOrDefault("project_id", "<project>"));
            String branch = String.valueOf(a.getOrDefault("branch_id", "production"));
            String lang = String.valueOf(a.getOrDefault("language", "the app's language"));
            String text = "Connect an application written in " + lang + " to branch '" + branch + "' of Lakebase project '"
                    + project + "'.\n\n"
                    + "1. get_connection_string (format env or jdbc) for host, port, database and user; sslmode=require always.\n"
                    + "2. The password is a database credential that expires within 1 hour: the app must fetch a new one "
                    + "(generate_database_credential through the Databricks SDK) about 2 minutes before expiry and use it "
                    + "for NEW connections, e.g. a pool whose password is a callback, not a pool rebuilt every hour.\n"
                    + "3. A compute scaled to zero wakes on connect: retry a refused connection with backoff.\n"
                    + "4. If the app is a Databricks App, deploy it before running it locally so its service principal "
                    + "creates (and owns) its schema; otherwise it fails later with 'permission denied for schema'.\n"
                    + "5. Never commit a credential; read it from the environment.";
            return new McpSchema.GetPromptResult("Connect an app to " + project + "/" + branch,
                    List.of(new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
        });
    }
}
