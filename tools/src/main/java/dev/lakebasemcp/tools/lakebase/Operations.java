package dev.lakebasemcp.tools.lakebase;

import com.databricks.sdk.service.postgres.Operation;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Waits for Lakebase long-running operations ourselves rather than with the SDK's waitForCompletion, which
 * sleeps at least a second between polls and can report neither progress nor cancellation.
 */
public final class Operations {

    /** How a wait ended. */
    public sealed interface Outcome {
        record Done() implements Outcome {
        }

        record Failed(String errorCode, String message) implements Outcome {
        }

        /** Timed out or cancelled: the operation goes on and can be polled by name. */
        record StillRunning(String operationName, boolean cancelled) implements Outcome {
        }
    }

    private final Lakebase lakebase;
    private final Duration timeout;

    public Operations(Lakebase lakebase, Duration timeout) {
        this.lakebase = Objects.requireNonNull(lakebase, "lakebase");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Polls {@code operationName} until done, reporting progress as {@code what}. */
    public Outcome await(String operationName, String what, CallContext context) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long sleepMs = 50;
        int polls = 0;
        context.progress(0, null, what + ": started");
        while (true) {
            Operation op = lakebase.postgres().getOperation(operationName);
            polls++;
            if (Boolean.TRUE.equals(op.getDone())) {
                if (op.getError() != null) {
                    String code = op.getError().getErrorCode() == null ? "UNKNOWN" : op.getError().getErrorCode().name();
                    return new Outcome.Failed(code, op.getError().getMessage());
                }
                return new Outcome.Done();
            }
            if (context.cancelled()) {
                return new Outcome.StillRunning(operationName, true);
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new Outcome.StillRunning(operationName, false);
            }
            long elapsedS = Duration.ofNanos(now - start).toSeconds();
            context.progress(polls, null, what + ": running for " + elapsedS + " s");
            try {
                Thread.sleep(Math.min(sleepMs, Math.max(1, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.StillRunning(operationName, true);
            }
            sleepMs = Math.min(1000, sleepMs * 2);
        }
    }

    /**
     * Waits for the operation and shapes the result: {@code whenDone} on success, the explained error on
     * failure, and on timeout or cancellation {@code whileRunning} plus the operation's name so the agent
     * can look again later (with {@code checkWith}).
     */
    public ToolResult finish(String operationName, String what, CallContext context, Supplier<ToolResult> whenDone,
            Map<String, Object> whileRunning, String checkWith) {
        Outcome outcome = await(operationName, what, context);
        if (outcome instanceof Outcome.Done) {
            return whenDone.get();
        }
        if (outcome instanceof Outcome.Failed f) {
            return Explain.operation(f.errorCode(), f.message());
        }
        if (outcome instanceof Outcome.StillRunning r) {
            Map<String, Object> out = new LinkedHashMap<>(whileRunning);
            out.put("operation", r.operationName());
            return ToolResult.ok(out, what + " is still running (" + (r.cancelled() ? "you cancelled the wait" : "wait timed out")
                    + "); operation " + r.operationName() + ". Check again later with " + checkWith + ".");
        }
        throw new AssertionError(outcome);
    }
}
