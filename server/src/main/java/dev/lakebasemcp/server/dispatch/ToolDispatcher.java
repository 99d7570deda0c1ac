package dev.lakebasemcp.server.dispatch;

import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.server.audit.AuditLog;
import dev.lakebasemcp.server.guard.Guard;
import dev.lakebasemcp.server.guard.Verdict;
import dev.lakebasemcp.server.transport.Cancellations;
import dev.lakebasemcp.tools.call.ArgumentException;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.catalog.Catalog;
import dev.lakebasemcp.tools.catalog.ToolDefinition;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of a call, top to bottom: guard, handler, result shaping. The MCP tool specifications it builds
 * are the only route to a handler.
 */
public final class ToolDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ToolDispatcher.class);

    private final Catalog catalog;
    private final Guard guard;
    private final Supplier<Map<String, ToolHandler>> handlers;
    private final AuditLog audit;
    private final String backend;
    private final Supplier<String> identity;
    private final Cancellations cancellations;

    /**
     * @param handlers built on first call (they load the Databricks SDK)
     * @param backend the wire name of the Lakebase that answers, added to every result
     * @param identity who calls act as, for the audit log (may block on first use)
     */
    public ToolDispatcher(Catalog catalog, Guard guard, Supplier<Map<String, ToolHandler>> handlers, AuditLog audit,
            String backend, Supplier<String> identity, Cancellations cancellations) {
        this.catalog = catalog;
        this.guard = guard;
        this.handlers = handlers;
        this.audit = audit;
        this.backend = backend;
        this.identity = identity;
        this.cancellations = cancellations;
    }

    /** One specification per tool the policy lists. */
    public List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (ToolDefinition d : catalog.tools()) {
            if (guard.policy().lists(d)) {
                specs.add(new SyncToolSpecification(tool(d, guard.policy()), (exchange, request) -> call(d, exchange, request)));
            }
        }
        return specs;
    }

    /** The tools the policy lists, as tools/list shows them (the stdio transport answers a first tools/list early). */
    public static List<McpSchema.Tool> tools(Catalog catalog, dev.lakebasemcp.server.guard.Policy policy) {
        List<McpSchema.Tool> tools = new ArrayList<>();
        for (ToolDefinition d : catalog.tools()) {
            if (policy.lists(d)) {
                tools.add(tool(d, policy));
            }
        }
        return tools;
    }

    private static McpSchema.Tool tool(ToolDefinition d, dev.lakebasemcp.server.guard.Policy policy) {
        return McpSchema.Tool.builder().name(d.name()).title(d.title()).description(d.description())
                .inputSchema(d.inputSchema()).outputSchema(d.outputSchema())
                // In read-only mode the SQL tools that stay can change nothing: say so.
                .annotations(new McpSchema.ToolAnnotations(d.title(), d.readOnly() || policy.runsReadOnly(d),
                        d.destructive(), d.idempotent(), false, null))
                .build();
    }

    CallToolResult call(ToolDefinition tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
        Verdict verdict;
        try {
            verdict = guard.check(tool, args, exchange);
        } catch (RuntimeException e) {
            LOG.error("guard failed on {}", tool.name(), e);
            return failed(new ToolResult.Failed("internal_error", "the guard could not decide (" + e + "); nothing was done",
                    null));
        }
        boolean audited = tool.risk() != Risk.READ;
        if (verdict instanceof Verdict.Refused r) {
            if (audited) {
                audit.record(who(), tool.name(), args, "refused", r.rule() + ": " + r.reason(), null, false);
            }
            return failed(new ToolResult.Failed("refused_" + r.rule(), r.reason(), r.nextStep()));
        }
        if (verdict instanceof Verdict.ConfirmationRequired c) {
            audit.record(who(), tool.name(), args, "confirmation_required", c.impact(), null, false);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("impact", c.impact());
            details.put("confirmation_token", c.token());
            details.put("expires", c.expires());
            String next = "Tell the person exactly what will be lost. Only if they say yes, call " + tool.name()
                    + " again with the same arguments plus confirmation_token.";
            return failed(new ToolResult.Failed("confirmation_required", "Nothing was done yet: " + c.impact(), next,
                    details));
        }
        if (!(verdict instanceof Verdict.Proceed p)) {
            throw new AssertionError(verdict);
        }
        // p.risk() is the SQL's own risk for SQL tools: a plain read through run_sql is not a write, and the log
        // records writes and destructive calls (two JSON lines per SELECT were a large share of its cost).
        audited = audited && p.risk() != Risk.READ;
        if (audited) {
            // Destructive calls reach the disk before they run.
            audit.record(who(), tool.name(), args, "allowed", p.confirmedBy() == null ? null : "confirmed by " + p.confirmedBy(),
                    null, p.risk() == Risk.DESTRUCTIVE);
        }
        ToolResult result = run(tool, args, exchange, request);
        if (audited) {
            audit.record(who(), tool.name(), args, "done",
                    null, result instanceof ToolResult.Ok ? "ok" : ((ToolResult.Failed) result).code(), false);
        }
        if (result instanceof ToolResult.Ok ok) {
            Map<String, Object> structured = new LinkedHashMap<>(ok.structured());
            structured.put("backend", backend);
            return CallToolResult.builder().addTextContent(ok.text()).structuredContent(structured).isError(false).build();
        }
        return failed((ToolResult.Failed) result);
    }

    private ToolResult run(ToolDefinition tool, Map<String, Object> args, McpSyncServerExchange exchange,
            McpSchema.CallToolRequest request) {
        try {
            ToolHandler handler = handlers.get().get(tool.name());
            if (handler == null) {
                return new ToolResult.Failed("internal_error", "no handler for " + tool.name(), null);
            }
            Progress progress = new Progress(exchange, request, cancellations);
            try {
                return handler.call(new Arguments(args), progress);
            } finally {
                cancellations.forget(progress.requestId());
            }
        } catch (ArgumentException e) {
            return ToolResult.invalid(e.getMessage());
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("com.databricks.sdk")) {
                return dev.lakebasemcp.tools.lakebase.Explain.error(e);
            }
            LOG.error("{} failed", tool.name(), e);
            return new ToolResult.Failed("internal_error", tool.name() + " failed: " + e, "This is a bug in "
                    + "lakebase-mcp; the server log has the details.");
        }
    }

    private String who() {
        try {
            return identity.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private CallToolResult failed(ToolResult.Failed f) {
        Map<String, Object> structured = f.asStructured();
        structured.put("backend", backend);
        String text = "Error (" + f.code() + "): " + f.message() + (f.nextStep() == null ? "" : "\nNext: " + f.nextStep());
        return CallToolResult.builder().addTextContent(text).structuredContent(structured).isError(true).build();
    }
}
