package dev.lakebasemcp.guardrails.guard;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.Objects;

/**
 * What the guard decided about one call. On Java 17 callers branch with an {@code instanceof} chain
 * ending in {@code throw new AssertionError(decision)}; the sealed list lets a later switch check it.
 */
public sealed interface Decision {

    /** The call may run; {@code risk} is what it was judged to be (for audit and annotations). */
    record Allow(Risk risk) implements Decision {
        public Allow {
            Objects.requireNonNull(risk, "risk must not be null");
        }
    }

    /**
     * The call must not run, and no confirmation can change that. {@code rule} is a stable id
     * (for example {@code read_only}, {@code ttl_max}); {@code reason} says why and what to do instead.
     */
    record Refuse(String rule, String reason) implements Decision {
        public Refuse {
            Objects.requireNonNull(rule, "rule must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    /**
     * The call may run only after the person agrees. {@code impact} says exactly what will be lost;
     * {@code token} is the confirmation token the agent repeats the call with (see
     * {@code confirm.ConfirmationTokens}).
     */
    record Confirm(String impact, String token) implements Decision {
        public Confirm {
            Objects.requireNonNull(impact, "impact must not be null");
            Objects.requireNonNull(token, "token must not be null");
        }
    }
}
