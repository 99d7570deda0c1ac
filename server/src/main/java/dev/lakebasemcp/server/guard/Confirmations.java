package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.tools.catalog.ToolDefinition;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How a destructive call gets the person's yes. With a client that declared elicitation, the server asks the
 * person directly; decline, cancel, a timeout or an error mean nothing happens. Without it, the call comes
 * back with confirmation_required and nothing happens.
 */
public final class Confirmations {

    private final BiFunction<ToolDefinition, Map<String, Object>, String> impact;

    /** @param impact describes what a call would lose, in words a person understands */
    public Confirmations(BiFunction<ToolDefinition, Map<String, Object>, String> impact) {
        this.impact = impact;
    }

    Verdict confirm(ToolDefinition tool, Map<String, Object> args, McpSyncServerExchange exchange) {
        String what = impact.apply(tool, args);
        if (exchange != null && exchange.getClientCapabilities() != null
                && exchange.getClientCapabilities().elicitation() != null) {
            McpSchema.ElicitResult answer;
            try {
                answer = exchange.createElicitation(Guard.elicitation(what));
            } catch (RuntimeException e) {
                return new Verdict.Refused("not_confirmed", "the confirmation request got no answer ("
                        + e.getClass().getSimpleName() + "); nothing was done", "Ask the person, then call again.");
            }
            if (answer.action() == McpSchema.ElicitResult.Action.ACCEPT && answer.content() != null
                    && Boolean.TRUE.equals(answer.content().get("confirm"))) {
                return new Verdict.Proceed(Risk.DESTRUCTIVE, "elicitation");
            }
            return new Verdict.Refused("declined", "the person did not confirm (" + answer.action().name().toLowerCase()
                    + "); nothing was done", "Do not retry unless the person asks again.");
        }
        return new Verdict.ConfirmationRequired(what, null, null);
    }
}
