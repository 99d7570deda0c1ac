package dev.lakebasemcp.server.dispatch;

import dev.lakebasemcp.server.transport.Cancellations;
import dev.lakebasemcp.tools.call.CallContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/** A call's context: progress goes to the client only when its request carried a progress token. */
final class Progress implements CallContext {

    private final McpSyncServerExchange exchange;
    private final Object token;
    private final Object requestId;
    private final Cancellations cancellations;

    Progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest request, Cancellations cancellations) {
        this.exchange = exchange;
        this.token = request.meta() == null ? null : request.meta().get("progressToken");
        this.requestId = request.meta() == null ? null : request.meta().get(Cancellations.META_KEY);
        this.cancellations = cancellations;
    }

    Object requestId() {
        return requestId;
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
        return cancellations.isCancelled(requestId) || Thread.currentThread().isInterrupted();
    }
}
