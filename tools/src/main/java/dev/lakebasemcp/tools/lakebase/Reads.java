package dev.lakebasemcp.tools.lakebase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Independent reads of the Lakebase API, side by side: a tool that describes a project with ten branches makes
 * eleven requests, and against a workspace each is a network round trip. Reads started here run on a small
 * shared pool of daemon threads, {@link #THREADS} at once across all calls; {@link Pending#get()} runs a read
 * itself when no pool thread has taken it yet, so a call never waits behind other calls' reads (at worst its
 * reads run one after another, as they did before) and a read may start reads of its own. It throws what the
 * read threw, as it was thrown (the dispatcher explains the SDK's exceptions by their type).
 *
 * <p>A read must finish its work inside the supplier: the SDK's list calls page lazily, so iterate there.
 */
public final class Reads {

    /** Reads running at once on the pool across all calls; callers run their own past that. */
    static final int THREADS = 8;

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = pool();

    private Reads() {
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "lakebase-read-" + IDS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /** A read under way, or waiting for a thread. */
    public static final class Pending<T> {
        private final Supplier<T> read;
        private final AtomicBoolean taken = new AtomicBoolean();
        private final CompletableFuture<T> result = new CompletableFuture<>();

        private Pending(Supplier<T> read) {
            this.read = read;
        }

        /** Runs the read here unless a thread already took it. */
        private void run() {
            if (!taken.compareAndSet(false, true)) {
                return;
            }
            try {
                result.complete(read.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }

        /** Its result (running the read on this thread if it has not started); what it threw, as it was thrown. */
        public T get() {
            run();
            try {
                return result.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    /** Starts {@code read} on the pool, or leaves it to {@link Pending#get()} when the pool is busy. */
    public static <T> Pending<T> start(Supplier<T> read) {
        Pending<T> p = new Pending<>(read);
        POOL.execute(p::run);
        return p;
    }

    /**
     * Runs every read, the first on this thread and the others side by side, and returns their results in the
     * order given. When some fail, the first failure in that order is thrown.
     */
    public static <T> List<T> all(List<? extends Supplier<? extends T>> reads) {
        List<Pending<? extends T>> pending = new ArrayList<>();
        for (int i = 1; i < reads.size(); i++) {
            pending.add(start(reads.get(i)));
        }
        List<T> results = new ArrayList<>(reads.size());
        if (!reads.isEmpty()) {
            results.add(reads.get(0).get());
        }
        for (Pending<? extends T> p : pending) {
            results.add(p.get());
        }
        return results;
    }
}
