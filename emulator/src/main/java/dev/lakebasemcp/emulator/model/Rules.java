package dev.lakebasemcp.emulator.model;

import java.util.Optional;

/**
 * The API's rules on values (ids, TTLs, CU ranges, credential lifetimes), as errors the SDK turns into the
 * same exceptions a workspace causes. Messages marked "verified" are the real API's words (research
 * section 2.6); the others are Lakebase Local's, naming the field and the rule.
 */
public final class Rules {

    public static final long MAX_BRANCH_TTL_SECONDS = 30L * 24 * 3600;
    public static final int MAX_UNARCHIVED_BRANCHES = 10;
    public static final double MIN_CU = 0.5;
    public static final double MAX_AUTOSCALING_CU = 32;
    public static final double MAX_CU_SPREAD = 16;
    public static final double MIN_FIXED_CU = 36;
    public static final double MAX_FIXED_CU = 112;
    public static final long MIN_CREDENTIAL_TTL_SECONDS = 300;
    public static final long MAX_CREDENTIAL_TTL_SECONDS = 3600;
    public static final long MIN_SUSPEND_SECONDS = 60;
    public static final long MAX_SUSPEND_SECONDS = 604800;

    private Rules() {
    }

    /** The id query parameter {@code field}: present (verified message) and RFC 1123 (verified pattern message). */
    public static Optional<ApiError> id(String field, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(ApiError.required(field));
        }
        if (!Names.ID.matcher(value).matches()) {
            return Optional.of(ApiError.invalid("Field " + field + " must match pattern "
                    + Names.ID.pattern() + ", got '" + value + "'."));
        }
        return Optional.empty();
    }

    public static Optional<ApiError> branchTtl(long seconds) {
        if (seconds <= 0) {
            return Optional.of(ApiError.invalid("Field 'branch.spec.ttl' must be positive, got " + seconds + "s"));
        }
        if (seconds > MAX_BRANCH_TTL_SECONDS) {
            return Optional.of(ApiError.invalid("Branch TTL must be at most 30 days (" + MAX_BRANCH_TTL_SECONDS
                    + "s), got " + seconds + "s"));
        }
        return Optional.empty();
    }

    /** Autoscaling 0.5-32 CU with max - min at most 16, or a fixed size (min == max) of 36-112 CU. */
    public static Optional<ApiError> computeRange(double min, double max) {
        if (min == max && min >= MIN_FIXED_CU && min <= MAX_FIXED_CU) {
            return Optional.empty();
        }
        if (min < MIN_CU) {
            return Optional.of(ApiError.invalid("autoscaling_limit_min_cu must be at least 0.5, got " + min));
        }
        if (max < min) {
            return Optional.of(ApiError.invalid("autoscaling_limit_max_cu (" + max
                    + ") must be at least autoscaling_limit_min_cu (" + min + ")"));
        }
        if (max > MAX_AUTOSCALING_CU) {
            return Optional.of(ApiError.invalid("autoscaling_limit_max_cu must be at most 32 when autoscaling"
                    + " (fixed sizes are 36-112 CU with min equal to max), got " + max));
        }
        if (max - min > MAX_CU_SPREAD) {
            return Optional.of(ApiError.invalid("autoscaling range too wide: max minus min must be at most 16 CU,"
                    + " got " + min + "-" + max));
        }
        return Optional.empty();
    }

    public static Optional<ApiError> suspendTimeout(long seconds) {
        if (seconds < MIN_SUSPEND_SECONDS || seconds > MAX_SUSPEND_SECONDS) {
            return Optional.of(ApiError.invalid("suspend_timeout_duration must be between 60s and 604800s, got "
                    + seconds + "s"));
        }
        return Optional.empty();
    }

    public static Optional<ApiError> credentialTtl(long seconds) {
        if (seconds < MIN_CREDENTIAL_TTL_SECONDS || seconds > MAX_CREDENTIAL_TTL_SECONDS) {
            return Optional.of(ApiError.invalid("ttl must be between 300s and 3600s, got " + seconds + "s"));
        }
        return Optional.empty();
    }

    /** A Postgres identifier as Lakebase accepts for database names: 1-63 bytes, no NUL. */
    public static Optional<ApiError> postgresName(String field, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(ApiError.required(field));
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63 || value.indexOf('\0') >= 0) {
            return Optional.of(ApiError.invalid("Field " + field + " must be a valid Postgres identifier"
                    + " (1-63 bytes), got '" + value + "'."));
        }
        return Optional.empty();
    }

    public static void check(Optional<ApiError> verdict) throws Refusal {
        if (verdict.isPresent()) {
            throw new Refusal(verdict.get());
        }
    }
}
