package dev.lakebasemcp.guardrails.sql;

import java.util.Objects;

/**
 * What the database says about a function: its volatility ({@code pg_proc.provolatile}) and whether
 * it runs as its owner ({@code pg_proc.prosecdef}). When a name has several overloads, pass the
 * worst (volatile over stable over immutable; security definer if any is).
 */
public record FunctionFacts(Volatility volatility, boolean securityDefiner) {
    public FunctionFacts {
        Objects.requireNonNull(volatility, "volatility must not be null");
    }

    public enum Volatility {
        IMMUTABLE, STABLE, VOLATILE;

        /** From {@code pg_proc.provolatile}: {@code i}, {@code s} or {@code v}; anything else is taken as volatile. */
        public static Volatility fromProvolatile(char c) {
            if (c == 'i') {
                return IMMUTABLE;
            }
            if (c == 's') {
                return STABLE;
            }
            return VOLATILE;
        }
    }
}
