package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.tools.catalog.ToolDefinition;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one gate in front of every handler: tool availability, read-only mode, project scope, Lakebase's
 * hard rules, and confirmation of destructive calls. The dispatcher calls it before any handler; there is
 * no other way to a handler.
 */
public final class Guard {

    private final Policy policy;
    private final Confirmations confirmations;

    public Guard(Policy policy, Confirmations confirmations) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
    }

    public Policy policy() {
        return policy;
    }

    public Verdict check(ToolDefinition tool, Map<String, Object> args, McpSyncServerExchange exchange) {
        if (!policy.toolGroups().contains(tool.group())) {
            return new Verdict.Refused("tool_group_disabled", tool.name() + " belongs to the tool group '"
                    + tool.group().cliName() + "', which this server was started without",
                    "Ask the person to add it to --tools if it is needed.");
        }
        if (policy.readOnly() && !tool.readOnly()) {
            return new Verdict.Refused("read_only", "the server runs with --read-only: " + tool.name()
                    + " would change something", "Only read tools are available; ask the person to restart "
                    + "without --read-only if a change is intended.");
        }
        Object project = args.get("project_id");
        if (policy.projectScope().isPresent() && project != null && !policy.projectScope().get().equals(project)) {
            return new Verdict.Refused("project_scope", "this server is confined to project '"
                    + policy.projectScope().get() + "' (--project); '" + project + "' is outside it", null);
        }
        Verdict hard = hardRules(tool, args);
        if (hard != null) {
            return hard;
        }
        if (tool.risk() != Risk.DESTRUCTIVE) {
            return new Verdict.Proceed(tool.risk(), null);
        }
        return confirmations.confirm(tool, args, exchange);
    }

    /** Rules no confirmation passes; checked before any request is sent. */
    private static Verdict hardRules(ToolDefinition tool, Map<String, Object> args) {
        Object branch = args.get("branch_id");
        if (("delete_branch".equals(tool.name()) || "reset_branch".equals(tool.name())) && "production".equals(branch)) {
            return new Verdict.Refused("production_branch", "the production branch is never "
                    + ("delete_branch".equals(tool.name()) ? "deleted" : "reset") + " by this server",
                    "Work on a child branch (create_branch) instead.");
        }
        return null;
    }

    /** The elicitation form: one boolean the person must tick. */
    static McpSchema.ElicitRequest elicitation(String impact) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("confirm", Map.of("type", "boolean", "title", "Yes, do it",
                        "description", "Tick to confirm; anything else cancels.")),
                "required", List.of("confirm"));
        return McpSchema.ElicitRequest.builder(impact + "\n\nThis cannot be undone. Confirm?", schema).build();
    }
}
