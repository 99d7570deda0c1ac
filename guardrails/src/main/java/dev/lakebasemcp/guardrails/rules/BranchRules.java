package dev.lakebasemcp.guardrails.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lakebase's branch rules. No confirmation can pass them: a violation is a refusal.
 * Limits are fields so a deployment (or Lakebase Local's tests) can pass others;
 * {@link #lakebaseDefaults()} holds the documented ones.
 *
 * <p>Field names in messages are the REST names ({@code ttl}, {@code no_expiry}, {@code expire_time}, {@code branch_id}).
 */
public record BranchRules(Duration maxTtl, int maxUnarchivedBranches) {
    public static final String TTL_FIELD = "ttl";
    public static final String EXPIRE_TIME_FIELD = "expire_time";
    public static final String BRANCH_FIELD = "branch_id";

    // Protobuf JSON durations as the REST API writes them: "3600s", "1.5s".
    private static final Pattern WIRE_DURATION = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?s");

    public BranchRules {
        Objects.requireNonNull(maxTtl, "maxTtl must not be null");
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("maxTtl must be positive, got " + maxTtl);
        }
        if (maxUnarchivedBranches < 1) {
            throw new IllegalArgumentException("maxUnarchivedBranches must be at least 1, got " + maxUnarchivedBranches);
        }
    }

    /** 30 days at most for a TTL, 10 unarchived branches per project. */
    public static BranchRules lakebaseDefaults() {
        return new BranchRules(Duration.ofDays(30), 10);
    }

    /**
     * A new branch needs an expiration policy: a TTL (more than 0, at most {@link #maxTtl()}) or
     * {@code no_expiry=true}, not both.
     *
     * @param ttl the requested time to live, or null when none was given
     */
    public Optional<Violation> checkExpiration(Duration ttl, boolean noExpiry) {
        if (ttl == null && !noExpiry) {
            return violation(TTL_FIELD, "ttl_required", "ttl is required unless no_expiry=true: pass a ttl such as \"86400s\""
                    + " (1 day; at most " + human(maxTtl) + ") or no_expiry=true");
        }
        if (ttl != null && noExpiry) {
            return violation(TTL_FIELD, "ttl_exclusive", "ttl and no_expiry=true exclude each other: pass only one");
        }
        if (ttl == null) {
            return Optional.empty();
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return violation(TTL_FIELD, "ttl_positive", "ttl must be more than 0s, got " + human(ttl)
                    + ": pass a ttl such as \"86400s\" (1 day) or no_expiry=true");
        }
        if (ttl.compareTo(maxTtl) > 0) {
            return violation(TTL_FIELD, "ttl_max", "ttl must be at most " + human(maxTtl) + " (" + maxTtl.getSeconds()
                    + "s), got " + human(ttl) + ": pass a shorter ttl or no_expiry=true");
        }
        return Optional.empty();
    }

    /**
     * The same check with the TTL in the REST API's duration form ({@code "86400s"}); null or blank
     * means none was given.
     */
    public Optional<Violation> checkExpiration(String ttl, boolean noExpiry) {
        if (ttl == null || ttl.isBlank()) {
            return checkExpiration((Duration) null, noExpiry);
        }
        Optional<Duration> parsed = parseWireDuration(ttl.strip());
        if (parsed.isEmpty()) {
            return violation(TTL_FIELD, "ttl_format", "ttl must be a number of seconds followed by s, such as \"86400s\","
                    + " got \"" + ttl + "\"");
        }
        return checkExpiration(parsed.get(), noExpiry);
    }

    /**
     * An absolute expiry ({@code expire_time}) instead of a TTL: it must lie in the future and no later
     * than {@link #maxTtl()} from {@code now}.
     */
    public Optional<Violation> checkExpireTime(Instant expireTime, Instant now) {
        Objects.requireNonNull(expireTime, "expireTime must not be null");
        Objects.requireNonNull(now, "now must not be null");
        if (!expireTime.isAfter(now)) {
            return violation(EXPIRE_TIME_FIELD, "expire_time_future", "expire_time must be in the future, got "
                    + expireTime + " (now is " + now + "): pass a later time, a ttl or no_expiry=true");
        }
        Instant latest = now.plus(maxTtl);
        if (expireTime.isAfter(latest)) {
            return violation(EXPIRE_TIME_FIELD, "ttl_max", "expire_time must be at most " + human(maxTtl)
                    + " from now (" + latest + "), got " + expireTime + ": pass an earlier time or no_expiry=true");
        }
        return Optional.empty();
    }

    /** The RFC 3339 form of {@link #checkExpireTime(Instant, Instant)}. */
    public Optional<Violation> checkExpireTime(String expireTime, Instant now) {
        try {
            return checkExpireTime(Instant.parse(expireTime), now);
        } catch (DateTimeParseException | NullPointerException e) {
            return violation(EXPIRE_TIME_FIELD, "expire_time_format", "expire_time must be an RFC 3339 UTC time such as"
                    + " \"2026-01-31T12:00:00Z\", got \"" + expireTime + "\"");
        }
    }

    /**
     * Creating one more branch in a project that already has {@code unarchivedBranches} unarchived ones.
     */
    public Optional<Violation> checkCanCreate(int unarchivedBranches) {
        if (unarchivedBranches >= maxUnarchivedBranches) {
            return violation(BRANCH_FIELD, "branch_limit", "a project may have at most " + maxUnarchivedBranches
                    + " unarchived branches and this one has " + unarchivedBranches
                    + ": delete a branch you no longer need (or let one expire) first");
        }
        return Optional.empty();
    }

    /**
     * Deleting a branch: never the default (production) branch, never a protected one (unprotect it
     * first), never one with children (delete them first).
     */
    public Optional<Violation> checkDelete(BranchFacts branch) {
        Objects.requireNonNull(branch, "branch must not be null");
        String id = branch.branchId();
        if (branch.isDefault()) {
            return violation(BRANCH_FIELD, "default_branch_delete", "branch " + id
                    + " is the project's default (production) branch and is never deleted");
        }
        if (branch.isProtected()) {
            return violation(BRANCH_FIELD, "protected_branch_delete", "branch " + id
                    + " is protected: unprotect it first (update_branch with is_protected=false), then delete it");
        }
        if (branch.children() > 0) {
            return violation(BRANCH_FIELD, "branch_has_children", "branch " + id + " has " + branch.children()
                    + (branch.children() == 1 ? " child branch" : " child branches") + ": delete "
                    + (branch.children() == 1 ? "it" : "them") + " first");
        }
        return Optional.empty();
    }

    /**
     * Resetting a branch to its parent's latest state: impossible for a root branch (no parent) and
     * refused for a branch with children (their base would change under them).
     */
    public Optional<Violation> checkReset(BranchFacts branch) {
        Objects.requireNonNull(branch, "branch must not be null");
        String id = branch.branchId();
        if (branch.isRoot()) {
            return violation(BRANCH_FIELD, "root_branch_reset", "branch " + id
                    + " is a root branch (it has no parent) and cannot be reset: create a new branch from it instead");
        }
        if (branch.children() > 0) {
            return violation(BRANCH_FIELD, "branch_has_children", "branch " + id + " has " + branch.children()
                    + (branch.children() == 1 ? " child branch" : " child branches") + " and cannot be reset: delete "
                    + (branch.children() == 1 ? "it" : "them") + " first");
        }
        return Optional.empty();
    }

    /** Parses {@code "3600s"} / {@code "1.5s"}; empty for anything else. */
    public static Optional<Duration> parseWireDuration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = WIRE_DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(m.group(1));
        String frac = m.group(2);
        long nanos = frac == null ? 0 : Long.parseLong((frac + "000000000").substring(0, 9));
        return Optional.of(Duration.ofSeconds(seconds, nanos));
    }

    /** "45 days", "3 hours", "90s": the unit a person would use. */
    static String human(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() == 0 && s != 0) {
            if (s % 86_400 == 0) {
                return plural(s / 86_400, "day");
            }
            if (s % 3_600 == 0) {
                return plural(s / 3_600, "hour");
            }
        }
        if (d.getNano() == 0) {
            return s + "s";
        }
        return ComputeRules.cu(s + d.getNano() / 1e9) + "s";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static Optional<Violation> violation(String field, String rule, String message) {
        return Optional.of(new Violation(field, rule, message));
    }
}
