package dev.lakebasemcp.tools.lakebase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Independent reads of the Lakebase API, side by side: a tool that describes a project with ten branches makes
 * eleven requests, and against a workspace each is a network round trip. Reads started here run on a small
 * shared pool of daemon threads; {@link Pending#get()} waits for one and throws what it threw, as it was thrown
 * (the dispatcher explains the SDK's exceptions by their type).
 *
 * <p>A read must finish its work inside the supplier (the SDK's list calls page lazily: iterate there) and
 * must not start reads of its own: the pool is bounded, and reads waiting on queued reads could wait forever.
 */
public final class Reads {

    /** Reads running at once across all calls; more wait in line. */
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

    /** A read under way. */
    public static final class Pending<T> {
        private final CompletableFuture<T> future;

        private Pending(CompletableFuture<T> future) {
            this.future = future;
        }

        /** Its result, once it is there; what it threw, as it was thrown. */
        public T get() {
            try {
                return future.join();
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

    /** Starts {@code read} on the pool. */
    public static <T> Pending<T> start(Supplier<T> read) {
        return new Pending<>(CompletableFuture.supplyAsync(read, POOL));
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
