package dev.lakebasemcp.server.dispatch;

import dev.lakebasemcp.tools.call.CallContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/** A call's context: progress goes to the client only when its request carried a progress token. */
final class Progress implements CallContext {

    private final McpSyncServerExchange exchange;
    private final Object token;

    Progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        this.exchange = exchange;
        this.token = request.meta() == null ? null : request.meta().get("progressToken");
    }

    @Override
    public void progress(double done, Double total, String message) {
        if (token == null || exchange == null) {
            return;
        }
        try {
            exchange.progressNotification(new McpSchema.ProgressNotification(token, done, total, message));
        } catch (RuntimeException e) {
            // A client gone mid-call must not fail the work itself.
        }
    }

    @Override
    public boolean cancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
