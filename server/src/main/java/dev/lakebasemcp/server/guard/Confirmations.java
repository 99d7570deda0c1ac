package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.confirm.ConfirmationTokens;
import dev.lakebasemcp.guardrails.confirm.Verification;
import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.tools.catalog.ToolDefinition;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * How a destructive call gets the person's yes.
 * <ul>
 * <li>A call carrying {@code confirmation_token}: the token must be one this server (or a replica sharing its
 * key) issued for exactly this tool, these arguments and this project, unexpired and unused.</li>
 * <li>A client that declared elicitation: the server asks the person directly; decline, cancel, a timeout or an
 * error mean nothing happens.</li>
 * <li>Otherwise the call returns confirmation_required with the impact and a fresh token, and nothing happens.</li>
 * </ul>
 */
public final class Confirmations {

    private final BiFunction<ToolDefinition, Map<String, Object>, String> impact;
    private final Supplier<ConfirmationTokens> tokens;

    /**
     * @param impact describes what a call would lose, in words a person understands
     * @param tokens made on first use (drawing a key costs start-up time no answer should wait for)
     */
    public Confirmations(BiFunction<ToolDefinition, Map<String, Object>, String> impact, Supplier<ConfirmationTokens> tokens) {
        this.impact = impact;
        this.tokens = tokens;
    }

    /** Tokens are bound to the project a call touches, so one project's yes is worthless for another. */
    static String scope(Map<String, Object> args) {
        Object project = args.get("project_id");
        return project == null ? "workspace" : "project:" + project;
    }

    Verdict confirm(ToolDefinition tool, Map<String, Object> args, McpSyncServerExchange exchange) {
        return confirm(tool.name(), args, impact.apply(tool, args), exchange);
    }

    /** Confirmation of {@code what} for a call of {@code toolName} with {@code args}. */
    Verdict confirm(String toolName, Map<String, Object> args, String what, McpSyncServerExchange exchange) {
        Object presented = args.get("confirmation_token");
        if (presented instanceof String token && !token.isEmpty()) {
            Verification v = tokens.get().verify(token, toolName, args, scope(args));
            if (v instanceof Verification.Valid) {
                return new Verdict.Proceed(Risk.DESTRUCTIVE, "token");
            }
            Verification.Refused r = (Verification.Refused) v;
            return new Verdict.Refused("confirmation_" + r.reason().name().toLowerCase(Locale.ROOT), r.message()
                    + "; nothing was done", "Call again without confirmation_token to get a new one, and ask the person first.");
        }
        if (exchange != null && exchange.getClientCapabilities() != null
                && exchange.getClientCapabilities().elicitation() != null) {
            McpSchema.ElicitResult answer;
            try {
                answer = exchange.createElicitation(elicitation(what));
            } catch (RuntimeException e) {
                return new Verdict.Refused("not_confirmed", "the confirmation request got no answer ("
                        + e.getClass().getSimpleName() + "); nothing was done", "Ask the person, then call again.");
            }
            if (answer.action() == McpSchema.ElicitResult.Action.ACCEPT && answer.content() != null
                    && Boolean.TRUE.equals(answer.content().get("confirm"))) {
                return new Verdict.Proceed(Risk.DESTRUCTIVE, "elicitation");
            }
            return new Verdict.Refused("declined", "the person did not confirm (" + answer.action().name().toLowerCase(Locale.ROOT)
                    + "); nothing was done", "Do not retry unless the person asks again.");
        }
        String token = tokens.get().issue(toolName, args, scope(args));
        return new Verdict.ConfirmationRequired(what, token,
                java.time.Instant.now().plus(tokens.get().ttl()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
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
