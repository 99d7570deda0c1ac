package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.store.Change;
import dev.lakebasemcp.emulator.store.MetadataStore;
import dev.lakebasemcp.emulator.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long-running operations: journals the operation (with the INIT resources it reserves) in one
 * transaction, runs the work on the project's queue (one at a time per project, in order), and commits the
 * result together with the finished operation. The request waits for the work up to {@code answerWithin}:
 * the SDK always GETs the operation before trusting the POST and sleeps at least a second between polls,
 * so answering with the work done saves the caller that second; longer work goes on with {@code done:false}.
 */
public final class OperationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OperationRunner.class);

    /** The work of an operation; returns what to commit. A {@link Refusal} fails the operation with its error. */
    @FunctionalInterface
    public interface Work {
        Outcome run() throws Exception;
    }

    /** What finished work commits, and what to do once it is committed (e.g. delete an old cluster). */
    public record Outcome(Change change, JsonNode response, Runnable afterCommit) {
        public Outcome {
            java.util.Objects.requireNonNull(change, "change");
            java.util.Objects.requireNonNull(response, "response");
            afterCommit = afterCommit == null ? () -> { } : afterCommit;
        }
    }

    private final MetadataStore store;
    private final ClusterFleet fleet;
    private final Duration answerWithin;
    private final Map<String, ExecutorService> queues = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();

    public OperationRunner(MetadataStore store, ClusterFleet fleet, Duration answerWithin) {
        this.store = store;
        this.fleet = fleet;
        this.answerWithin = answerWithin;
    }

    /**
     * Journals {@code operation} with {@code reservation} (INIT resources), queues {@code work} on
     * {@code projectId}'s queue and waits for it up to the answer budget. Returns the operation as it then is.
     */
    public OperationRecord submit(String projectId, OperationRecord operation, Change reservation, Work work)
            throws StoreException {
        store.apply(reservation.journal(operation));
        ExecutorService queue = queues.computeIfAbsent(projectId, p -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lakebase-op-" + p + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
        Future<OperationRecord> result = queue.submit(() -> execute(operation, work));
        try {
            return result.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return operation;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return operation;
        } catch (ExecutionException e) {
            throw new IllegalStateException("operation runner failed on " + operation.name(), e.getCause());
        }
    }

    private OperationRecord execute(OperationRecord operation, Work work) {
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = work.run();
        } catch (Refusal r) {
            return fail(operation, r.error());
        } catch (Exception | AssertionError e) {
            LOG.warn("operation {} failed: {}", operation.name(), e.toString());
            return fail(operation, ApiError.internal(operation.action() + " failed: " + e.getMessage()));
        }
        OperationRecord finished = operation.succeeded(outcome.response());
        try {
            store.apply(outcome.change().journal(finished));
        } catch (StoreException e) {
            LOG.warn("operation {} could not be committed: {}", operation.name(), e.toString());
            return fail(operation, ApiError.internal(operation.action() + " could not be recorded"));
        }
        LOG.info("{} {} done in {} ms", operation.action(), operation.target(),
                (System.nanoTime() - started) / 1_000_000);
        try {
            outcome.afterCommit().run();
        } catch (RuntimeException e) {
            // the clean-up is redone by the start-up sweep; the operation itself is done
            LOG.warn("clean-up after {} failed: {}", operation.name(), e.toString());
        }
        return finished;
    }

    /** Removes what the operation made (clusters, INIT resources) and records it as failed. */
    private OperationRecord fail(OperationRecord operation, ApiError error) {
        rollBack(operation);
        OperationRecord failed = operation.failed(error);
        Change change = new Change();
        operation.provisionalNames().forEach(change::deleteTree);
        try {
            store.apply(change.journal(failed));
        } catch (StoreException e) {
            LOG.warn("failure of {} could not be recorded: {}", operation.name(), e.toString());
        }
        return failed;
    }

    private void rollBack(OperationRecord operation) {
        for (String clusterId : operation.newClusterIds()) {
            fleet.destroy(clusterId);
        }
    }

    /**
     * Start-up: every operation a previous process left unfinished is failed cleanly, its INIT resources and
     * half-made clusters removed. Returns the ones it failed.
     */
    public List<OperationRecord> recover(java.util.function.Consumer<OperationRecord> extraRepair)
            throws StoreException {
        List<OperationRecord> unfinished = store.unfinishedOperations();
        for (OperationRecord operation : unfinished) {
            LOG.info("operation {} was interrupted by a restart; failing it cleanly", operation.name());
            rollBack(operation);
            extraRepair.accept(operation);
            Change change = new Change();
            operation.provisionalNames().forEach(change::deleteTree);
            store.apply(change.journal(operation.failed(ApiError.of(500, "ABORTED",
                    "operation interrupted: Lakebase Local restarted before it finished"))));
        }
        return unfinished;
    }

    /** Waits for queued work to end, up to {@code timeout}. */
    @Override
    public void close() {
        queues.values().forEach(ExecutorService::shutdown);
        for (ExecutorService queue : queues.values()) {
            try {
                queue.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
