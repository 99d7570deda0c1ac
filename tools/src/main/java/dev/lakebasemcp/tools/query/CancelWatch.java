package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.call.CallContext;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cancels running statements whose call was cancelled: a watcher thread polls each running call's
 * {@link CallContext#cancelled()} and sends {@link Statement#cancel()} (a Postgres cancel request) when it
 * turns true. The same thread closes idle pools now and then.
 */
final class CancelWatch implements AutoCloseable {

    private static final long PERIOD_MILLIS = 25;

    /** One running statement under watch. */
    final class Watch implements AutoCloseable {
        private final Statement statement;
        private final CallContext context;
        private boolean done;
        private volatile boolean fired;

        private Watch(Statement statement, CallContext context) {
            this.statement = statement;
            this.context = context;
        }

        /** The statement was cancelled because the call was. */
        boolean fired() {
            return fired;
        }

        private void check() {
            if (!context.cancelled()) {
                return;
            }
            synchronized (this) {
                // Never cancel after the statement ended: the request would hit whatever the connection runs next.
                if (done || fired) {
                    return;
                }
                fired = true;
                try {
                    statement.cancel();
                } catch (SQLException ignored) {
                    // The connection is gone; the statement will fail on its own.
                }
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                done = true;
            }
            running.remove(this);
        }
    }

    private final ScheduledExecutorService timer;
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();

    CancelWatch(Runnable housekeeping, long housekeepingSeconds) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakebase-sql-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> running.forEach(Watch::check), PERIOD_MILLIS, PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                housekeeping.run();
            } catch (RuntimeException ignored) {
                // tried again next round
            }
        }, housekeepingSeconds, housekeepingSeconds, TimeUnit.SECONDS);
    }

    /** Watches {@code statement} until the returned watch is closed. */
    Watch watch(Statement statement, CallContext context) {
        Watch w = new Watch(statement, context);
        if (context != CallContext.NONE) {
            running.add(w);
        }
        return w;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
