package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.Objects;

/** The guard's answer for one call. */
public sealed interface Verdict {

    /** Run it. */
    record Proceed(Risk risk, String confirmedBy) implements Verdict {
        public Proceed {
            Objects.requireNonNull(risk, "risk");
        }
    }

    /** Never run, whatever is confirmed: {@code rule} names the rule, {@code reason} explains, {@code nextStep} helps. */
    record Refused(String rule, String reason, String nextStep) implements Verdict {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not run yet: the person must confirm {@code impact}; repeat the call with {@code token}. */
    record ConfirmationRequired(String impact, String token, String expires) implements Verdict {
        public ConfirmationRequired {
            Objects.requireNonNull(impact, "impact");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expires, "expires");
        }
    }
}
