package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.guard.Decision;
import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.guardrails.rules.BranchRules;
import dev.lakebasemcp.guardrails.rules.ComputeRules;
import dev.lakebasemcp.guardrails.rules.Violation;
import dev.lakebasemcp.tools.call.ArgumentException;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Explain;
import dev.lakebasemcp.tools.lakebase.Facts;
import dev.lakebasemcp.tools.catalog.ToolDefinition;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one gate in front of every handler: tool availability, read-only mode, project scope, Lakebase's
 * hard rules, and confirmation of destructive calls. The dispatcher calls it before any handler; there is
 * no other way to a handler.
 */
public final class Guard {

    private final Policy policy;
    private final Confirmations confirmations;
    private final HardRules rules;
    private final SqlGate sqlGate;

    /** @param facts reads existing resources through the SDK; called only when a rule needs it */
    public Guard(Policy policy, Confirmations confirmations, Supplier<Facts> facts) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.rules = new HardRules(facts, BranchRules.lakebaseDefaults(), ComputeRules.lakebaseDefaults());
        this.sqlGate = new SqlGate(policy.readOnly());
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
        boolean sqlTool = SqlGate.SQL_TOOLS.contains(tool.name());
        if (policy.readOnly() && !tool.readOnly() && !sqlTool) {
            return new Verdict.Refused("read_only", "the server runs with --read-only: " + tool.name()
                    + " would change something", "Only read tools are available; ask the person to restart "
                    + "without --read-only if a change is intended.");
        }
        Object project = args.get("project_id");
        if (policy.projectScope().isPresent() && project != null && !policy.projectScope().get().equals(project)) {
            return new Verdict.Refused("project_scope", "this server is confined to project '"
                    + policy.projectScope().get() + "' (--project); '" + project + "' is outside it", null);
        }
        if (sqlTool) {
            return sql(tool, args, exchange);
        }
        if ("prepare_migration".equals(tool.name())) {
            // The migration runs on a temporary branch made for it: no confirmation there (complete_migration
            // asks), but SQL that cannot be judged or that manages transactions is refused before anything runs.
            for (String field : new String[] {"sql", "test_query"}) {
                Object sql = args.get(field);
                if (sql instanceof String text) {
                    Decision d = sqlGate.decide("run_sql", Map.of("sql", text));
                    if (d instanceof Decision.Refuse r) {
                        return new Verdict.Refused(r.rule(), field + ": " + r.reason(), "Nothing was sent to the database.");
                    }
                }
            }
        }
        Optional<Violation> broken;
        try {
            broken = rules.check(tool.name(), args);
        } catch (ArgumentException e) {
            return new Verdict.Refused("invalid_argument", e.getMessage(), "Fix the argument and call again.");
        } catch (RuntimeException e) {
            // The facts a rule needs could not be read: fail closed, explained as the SDK error it was.
            ToolResult.Failed f = Explain.error(e);
            return new Verdict.Refused(f.code(), f.message(), f.nextStep());
        }
        if (broken.isPresent()) {
            Violation v = broken.get();
            return new Verdict.Refused(v.rule(), v.message(), "No confirmation can override this rule; "
                    + "change the request (" + v.field() + ").");
        }
        if (tool.risk() != Risk.DESTRUCTIVE) {
            return new Verdict.Proceed(tool.risk(), null);
        }
        return confirmations.confirm(tool, args, exchange);
    }

    private Verdict sql(ToolDefinition tool, Map<String, Object> args, McpSyncServerExchange exchange) {
        Optional<Violation> badId = HardRules.checkIds(args);
        if (badId.isPresent()) {
            return new Verdict.Refused(badId.get().rule(), badId.get().message(), "Fix the argument and call again.");
        }
        Decision d = sqlGate.decide(tool.name(), args);
        if (d instanceof Decision.Allow a) {
            return new Verdict.Proceed(a.risk(), null);
        }
        if (d instanceof Decision.Refuse r) {
            return new Verdict.Refused(r.rule(), r.reason(), "Nothing was sent to the database.");
        }
        if (d instanceof Decision.Confirm c) {
            return confirmations.confirm(tool.name(), args, "Run SQL on " + target(args) + " that " + c.impact(), exchange);
        }
        throw new AssertionError(d);
    }

    private static String target(Map<String, Object> args) {
        return "branch " + args.getOrDefault("branch_id", "production") + " of project " + args.get("project_id")
                + " (database " + args.getOrDefault("database", "databricks_postgres") + ")";
    }

}
