package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.call.ArgumentException;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.shape.Caps;

/**
 * What one call may spend: server-side {@code statement_timeout} and {@code lock_timeout}, and the caps on
 * what comes back. Defaults suit an agent; a call may ask for other values within the ceilings.
 */
public record Limits(int statementTimeoutMillis, int lockTimeoutMillis, Caps caps) {

    public static final Limits DEFAULT = new Limits(30_000, 5_000, Caps.DEFAULT);
    public static final int MAX_STATEMENT_TIMEOUT_MILLIS = 300_000;
    public static final int MAX_LOCK_TIMEOUT_MILLIS = 60_000;

    public Limits {
        if (statementTimeoutMillis < 1) {
            throw new IllegalArgumentException("statementTimeoutMillis must be positive, got " + statementTimeoutMillis);
        }
        if (lockTimeoutMillis < 1) {
            throw new IllegalArgumentException("lockTimeoutMillis must be positive, got " + lockTimeoutMillis);
        }
    }

    /** The call's limits: its arguments where given (checked against the ceilings), defaults elsewhere. */
    public static Limits of(Arguments args) {
        return new Limits(
                (int) within(args, "statement_timeout_ms", 100, MAX_STATEMENT_TIMEOUT_MILLIS, DEFAULT.statementTimeoutMillis),
                (int) within(args, "lock_timeout_ms", 100, MAX_LOCK_TIMEOUT_MILLIS, DEFAULT.lockTimeoutMillis),
                new Caps((int) within(args, "max_rows", 1, Caps.CEILING.maxRows(), Caps.DEFAULT.maxRows()),
                        (int) within(args, "max_bytes", 1024, Caps.CEILING.maxBytes(), Caps.DEFAULT.maxBytes())));
    }

    private static long within(Arguments args, String name, long min, long max, long otherwise) {
        long v = args.integer(name).orElse(otherwise);
        if (v < min || v > max) {
            throw new ArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    /** Whether the session defaults already hold these timeouts (then no {@code SET LOCAL} is needed). */
    boolean sameTimeoutsAs(Limits other) {
        return statementTimeoutMillis == other.statementTimeoutMillis && lockTimeoutMillis == other.lockTimeoutMillis;
    }

    /** The driver-side timeout: a backstop a little after the server's own. */
    int driverTimeoutSeconds() {
        return statementTimeoutMillis / 1000 + 5;
    }

    String setLocal() {
        return "SET LOCAL statement_timeout = " + statementTimeoutMillis + "; SET LOCAL lock_timeout = " + lockTimeoutMillis;
    }
}
