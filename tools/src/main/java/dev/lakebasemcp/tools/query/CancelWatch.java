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
 * Cancels running statements whose call was cancelled or that ran past their deadline: a watcher thread polls
 * each running statement and sends {@link Statement#cancel()} (a Postgres cancel request) when its call's
 * {@link CallContext#cancelled()} turns true or the deadline passes. The same thread closes idle pools now
 * and then.
 *
 * <p>The deadline is the driver-side backstop behind the server's {@code statement_timeout}. It replaces
 * {@code Statement.setQueryTimeout}, with which pgjdbc schedules and cancels a {@code java.util.Timer} task
 * per statement: about 3% of a {@code SELECT 1}'s CPU, under a lock shared with the timer thread.
 */
final class CancelWatch implements AutoCloseable {

    private static final long PERIOD_MILLIS = 25;

    /** One running statement under watch. */
    final class Watch implements AutoCloseable {
        private final Statement statement;
        private final CallContext context;
        private final long deadlineNanos;
        private boolean done;
        private volatile boolean fired;
        private volatile boolean timedOut;

        private Watch(Statement statement, CallContext context, long deadlineNanos) {
            this.statement = statement;
            this.context = context;
            this.deadlineNanos = deadlineNanos;
        }

        /** The statement was cancelled because it ran past its deadline. */
        boolean timedOut() {
            return timedOut;
        }

        /** The statement was cancelled because the call was. */
        boolean fired() {
            return fired;
        }

        private void check(long now) {
            boolean cancelled = context.cancelled();
            boolean late = !cancelled && now - deadlineNanos > 0;
            if (!cancelled && !late) {
                return;
            }
            synchronized (this) {
                // Never cancel after the statement ended: the request would hit whatever the connection runs next.
                if (done || fired || timedOut) {
                    return;
                }
                if (cancelled) {
                    fired = true;
                } else {
                    timedOut = true;
                }
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
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            running.forEach(w -> w.check(now));
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                housekeeping.run();
            } catch (RuntimeException ignored) {
                // tried again next round
            }
        }, housekeepingSeconds, housekeepingSeconds, TimeUnit.SECONDS);
    }

    /** Watches {@code statement} until the returned watch is closed, cancelling it after {@code timeoutSeconds}. */
    Watch watch(Statement statement, CallContext context, int timeoutSeconds) {
        Watch w = new Watch(statement, context, System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds));
        running.add(w);
        return w;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
