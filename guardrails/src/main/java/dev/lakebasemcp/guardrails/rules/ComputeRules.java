package dev.lakebasemcp.guardrails.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Compute (endpoint) sizing and scale-to-zero limits. The numbers are fields, not constants, because
 * sources disagree (fixed sizes 36-112 in the agent skill, 40-112 elsewhere, an SDK cap of 64):
 * {@link #lakebaseDefaults()} holds the documented values and a deployment may pass others.
 *
 * <p>Field names in messages are the REST names ({@code autoscaling_limit_min_cu},
 * {@code autoscaling_limit_max_cu}, {@code suspend_timeout_duration}).
 */
public record ComputeRules(
        double autoscalingMinCu,
        double autoscalingMaxCu,
        double cuStep,
        double maxSpreadCu,
        double fixedMinCu,
        double fixedMaxCu,
        Duration minSuspendTimeout,
        Duration maxSuspendTimeout) {

    public static final String MIN_CU_FIELD = "autoscaling_limit_min_cu";
    public static final String MAX_CU_FIELD = "autoscaling_limit_max_cu";
    public static final String SUSPEND_FIELD = "suspend_timeout_duration";

    public ComputeRules {
        requirePositive("autoscalingMinCu", autoscalingMinCu);
        requirePositive("cuStep", cuStep);
        requirePositive("maxSpreadCu", maxSpreadCu);
        requirePositive("fixedMinCu", fixedMinCu);
        if (!(autoscalingMaxCu >= autoscalingMinCu)) {
            throw new IllegalArgumentException("autoscalingMaxCu must be at least autoscalingMinCu, got "
                    + autoscalingMaxCu + " < " + autoscalingMinCu);
        }
        if (!(fixedMaxCu >= fixedMinCu)) {
            throw new IllegalArgumentException("fixedMaxCu must be at least fixedMinCu, got "
                    + fixedMaxCu + " < " + fixedMinCu);
        }
        Objects.requireNonNull(minSuspendTimeout, "minSuspendTimeout must not be null");
        Objects.requireNonNull(maxSuspendTimeout, "maxSuspendTimeout must not be null");
        if (minSuspendTimeout.isNegative() || maxSuspendTimeout.compareTo(minSuspendTimeout) < 0) {
            throw new IllegalArgumentException("suspend timeouts must satisfy 0 <= min <= max, got "
                    + minSuspendTimeout + " and " + maxSuspendTimeout);
        }
    }

    /**
     * Lakebase Autoscaling as documented in lakebase-facts.md: autoscaling 0.5-32 CU in steps of 0.5
     * with max minus min at most 16, fixed sizes 36-112 CU, suspend timeout 60 s to 7 days.
     */
    public static ComputeRules lakebaseDefaults() {
        return new ComputeRules(0.5, 32, 0.5, 16, 36, 112, Duration.ofSeconds(60), Duration.ofSeconds(604_800));
    }

    /**
     * Checks a compute's size as the API receives it: a min and a max CU. An autoscaling range lies
     * within the autoscaling limits; a fixed size is min = max within the fixed limits.
     */
    public Optional<Violation> checkSize(double minCu, double maxCu) {
        Optional<Violation> bad = checkNumber(MIN_CU_FIELD, minCu).or(() -> checkNumber(MAX_CU_FIELD, maxCu));
        if (bad.isPresent()) {
            return bad;
        }
        if (maxCu > autoscalingMaxCu && minCu == maxCu) {
            return checkFixedSize(MAX_CU_FIELD, maxCu);
        }
        return checkAutoscaling(minCu, maxCu);
    }

    /** Checks an autoscaling range: both ends within the limits, on the step, max >= min, spread bounded. */
    public Optional<Violation> checkAutoscaling(double minCu, double maxCu) {
        Optional<Violation> bad = checkNumber(MIN_CU_FIELD, minCu).or(() -> checkNumber(MAX_CU_FIELD, maxCu));
        if (bad.isPresent()) {
            return bad;
        }
        if (minCu < autoscalingMinCu) {
            return violation(MIN_CU_FIELD, "cu_min", MIN_CU_FIELD + " must be at least " + cu(autoscalingMinCu)
                    + " CU, got " + cu(minCu) + ": pass " + cu(autoscalingMinCu) + " or more");
        }
        if (minCu > autoscalingMaxCu) {
            return violation(MIN_CU_FIELD, "cu_max", MIN_CU_FIELD + " must be at most " + cu(autoscalingMaxCu)
                    + " CU for autoscaling, got " + cu(minCu) + ": pass at most " + cu(autoscalingMaxCu)
                    + ", or a fixed size " + cu(fixedMinCu) + "-" + cu(fixedMaxCu) + " CU with " + MIN_CU_FIELD
                    + " = " + MAX_CU_FIELD);
        }
        if (maxCu > autoscalingMaxCu) {
            return violation(MAX_CU_FIELD, "cu_max", MAX_CU_FIELD + " must be at most " + cu(autoscalingMaxCu)
                    + " CU for autoscaling, got " + cu(maxCu) + ": pass at most " + cu(autoscalingMaxCu)
                    + ", or a fixed size " + cu(fixedMinCu) + "-" + cu(fixedMaxCu) + " CU with " + MIN_CU_FIELD
                    + " = " + MAX_CU_FIELD);
        }
        Optional<Violation> offStep = checkStep(MIN_CU_FIELD, minCu).or(() -> checkStep(MAX_CU_FIELD, maxCu));
        if (offStep.isPresent()) {
            return offStep;
        }
        if (maxCu < minCu) {
            return violation(MAX_CU_FIELD, "cu_order", MAX_CU_FIELD + " must be at least " + MIN_CU_FIELD + " ("
                    + cu(minCu) + "), got " + cu(maxCu) + ": swap them or raise " + MAX_CU_FIELD);
        }
        if (maxCu - minCu > maxSpreadCu + 1e-9) {
            return violation(MAX_CU_FIELD, "cu_spread", "autoscaling range must span at most " + cu(maxSpreadCu)
                    + " CU (" + MAX_CU_FIELD + " minus " + MIN_CU_FIELD + "), got " + cu(minCu) + "-" + cu(maxCu)
                    + " (" + cu(maxCu - minCu) + "): raise " + MIN_CU_FIELD + " to " + cu(maxCu - maxSpreadCu)
                    + " or lower " + MAX_CU_FIELD + " to " + cu(minCu + maxSpreadCu));
        }
        return Optional.empty();
    }

    /** Checks a fixed compute size (no autoscaling). */
    public Optional<Violation> checkFixedSize(String field, double cu) {
        Optional<Violation> bad = checkNumber(field, cu);
        if (bad.isPresent()) {
            return bad;
        }
        if (cu < fixedMinCu || cu > fixedMaxCu) {
            return violation(field, "cu_fixed_range", field + " must be " + cu(fixedMinCu) + "-" + cu(fixedMaxCu)
                    + " CU for a fixed-size compute, got " + cu(cu) + ": pick a size in that range, or autoscale within "
                    + cu(autoscalingMinCu) + "-" + cu(autoscalingMaxCu) + " CU");
        }
        return Optional.empty();
    }

    /** Checks the scale-to-zero timeout. Turning suspension off is a separate field (no_suspension). */
    public Optional<Violation> checkSuspendTimeout(Duration timeout) {
        if (timeout == null) {
            return violation(SUSPEND_FIELD, "suspend_required", SUSPEND_FIELD + " is required here: pass "
                    + seconds(minSuspendTimeout) + "-" + seconds(maxSuspendTimeout) + " or no_suspension=true");
        }
        if (timeout.compareTo(minSuspendTimeout) < 0) {
            return violation(SUSPEND_FIELD, "suspend_min", SUSPEND_FIELD + " must be at least "
                    + seconds(minSuspendTimeout) + ", got " + seconds(timeout) + ": pass " + seconds(minSuspendTimeout)
                    + " or more, or no_suspension=true");
        }
        if (timeout.compareTo(maxSuspendTimeout) > 0) {
            return violation(SUSPEND_FIELD, "suspend_max", SUSPEND_FIELD + " must be at most "
                    + seconds(maxSuspendTimeout) + ", got " + seconds(timeout) + ": pass a shorter timeout"
                    + ", or no_suspension=true to keep the compute running");
        }
        return Optional.empty();
    }

    private Optional<Violation> checkStep(String field, double value) {
        double steps = value / cuStep;
        if (Math.abs(steps - Math.rint(steps)) > 1e-9) {
            double below = Math.floor(steps) * cuStep;
            return violation(field, "cu_step", field + " must be a multiple of " + cu(cuStep) + " CU, got "
                    + cu(value) + ": pass " + cu(Math.max(below, autoscalingMinCu)) + " or " + cu(below + cuStep));
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkNumber(String field, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return violation(field, "cu_number", field + " must be a finite number of CU, got " + value);
        }
        return Optional.empty();
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
    }

    static String cu(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String seconds(Duration d) {
        return d.getSeconds() + "s";
    }

    private static Optional<Violation> violation(String field, String rule, String message) {
        return Optional.of(new Violation(field, rule, message));
    }
}
