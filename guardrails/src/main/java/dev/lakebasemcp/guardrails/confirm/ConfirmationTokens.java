package dev.lakebasemcp.guardrails.confirm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks confirmation tokens: the proof that a person agreed to one destructive call.
 *
 * <p>A token is URL-safe base64 of {@code version | expiry | nonce | tag(tool) | tag(arguments) |
 * tag(scope) | mac}, where each tag is an HMAC-SHA256 of one part (truncated to 16 bytes) and
 * {@code mac} is an HMAC-SHA256 over everything before it. So a token is bound to the tool, the
 * canonical arguments ({@link Canonical#arguments}, without the token field) and the scope (for
 * example the project), expires after the TTL (default 5 minutes) and cannot be altered without
 * the key. Because the tags are keyed, a token reveals nothing of the arguments.
 *
 * <p>Stateless apart from the replay set: a replica that shares the key verifies tokens another
 * issued. The replay set is per process, so a token could be used once on each replica behind a
 * balancer; put the replicas on one shared set (or route confirmations to one replica) where that
 * matters. The set forgets a token once it has expired, when it is worthless anyway, so memory is
 * bounded by the tokens spent within one TTL (and capped: beyond the cap, checks are refused).
 *
 * <p>Thread-safe.
 */
public final class ConfirmationTokens {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** Spent tokens remembered at most; beyond it verification is refused as {@code OVERLOADED}. */
    public static final int DEFAULT_REPLAY_CAPACITY = 100_000;

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final int LENGTH = 1 + Long.BYTES + NONCE_BYTES + 3 * TAG_BYTES + MAC_BYTES;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration ttl;
    private final int replayCapacity;
    private final SecureRandom random = new SecureRandom();
    /** Spent nonces (base64) and when their token expires (epoch millis). */
    private final Map<String, Long> spent = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public ConfirmationTokens(byte[] key, Clock clock) {
        this(key, clock, DEFAULT_TTL, DEFAULT_REPLAY_CAPACITY);
    }

    /**
     * @param key at least 32 bytes of secret; replicas that must accept each other's tokens share it
     * @param clock the time source for expiry (tests pass a clock they move)
     * @param ttl how long a token stays valid after it is issued
     * @param replayCapacity how many spent tokens may be remembered at once
     */
    public ConfirmationTokens(byte[] key, Clock clock, Duration ttl, int replayCapacity) {
        Objects.requireNonNull(key, "key must not be null");
        if (key.length < 32) {
            throw new IllegalArgumentException("key must be at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.ttl = Objects.requireNonNull(ttl, "ttl must not be null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (replayCapacity < 1) {
            throw new IllegalArgumentException("replayCapacity must be at least 1, got " + replayCapacity);
        }
        this.replayCapacity = replayCapacity;
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * A token for one call.
     *
     * @param tool the tool name, as in tools/call
     * @param arguments the call's arguments (a map or JSON node); the token field is left out
     * @param scope what the call is confined to, for example {@code "project:p1"}; {@code ""} for none
     */
    public String issue(String tool, Object arguments, String scope) {
        return issueCanonical(tool, Canonical.arguments(arguments), scope);
    }

    /** {@link #issue} for arguments already in canonical form ({@link Canonical#arguments}). */
    public String issueCanonical(String tool, String canonicalArguments, String scope) {
        Objects.requireNonNull(tool, "tool must not be null");
        Objects.requireNonNull(canonicalArguments, "canonicalArguments must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        long expiry = clock.instant().plus(ttl).toEpochMilli();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(VERSION).putLong(expiry).put(nonce);
        b.put(tag("tool", tool)).put(tag("arguments", canonicalArguments)).put(tag("scope", scope));
        b.put(mac(b.array(), LENGTH - MAC_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Checks a token against the call it came with and, when it is valid, spends it. The order of
     * checks is: form, signature, tool, scope, arguments, expiry, replay; only a token that passes
     * all of them is spent.
     */
    public Verification verify(String token, String tool, Object arguments, String scope) {
        String canonical;
        try {
            canonical = Canonical.arguments(arguments);
        } catch (IllegalArgumentException e) {
            return refused(Verification.Reason.OTHER_ARGUMENTS, "the arguments cannot be read as JSON: " + e.getMessage());
        }
        return verifyCanonical(token, tool, canonical, scope);
    }

    /** {@link #verify} for arguments already in canonical form. */
    public Verification verifyCanonical(String token, String tool, String canonicalArguments, String scope) {
        Objects.requireNonNull(tool, "tool must not be null");
        Objects.requireNonNull(canonicalArguments, "canonicalArguments must not be null");
        Objects.requireNonNull(scope, "scope must not be null");
        byte[] raw = decode(token);
        if (raw == null || raw.length != LENGTH || raw[0] != VERSION) {
            return refused(Verification.Reason.MALFORMED, "the confirmation token is not one this server issues:"
                    + " call the tool again without it to get a new one");
        }
        if (!MessageDigest.isEqual(mac(raw, LENGTH - MAC_BYTES), Arrays.copyOfRange(raw, LENGTH - MAC_BYTES, LENGTH))) {
            return refused(Verification.Reason.BAD_SIGNATURE, "the confirmation token's signature does not verify"
                    + " (altered, or from another server): call the tool again without it to get a new one");
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        b.get();
        long expiry = b.getLong();
        byte[] nonce = new byte[NONCE_BYTES];
        b.get(nonce);
        int tags = 1 + Long.BYTES + NONCE_BYTES;
        if (!tagMatches(raw, tags, "tool", tool)) {
            return refused(Verification.Reason.OTHER_TOOL, "the confirmation token was issued for another tool, not "
                    + tool + ": call " + tool + " without it to get its own");
        }
        if (!tagMatches(raw, tags + 2 * TAG_BYTES, "scope", scope)) {
            return refused(Verification.Reason.OTHER_SCOPE, "the confirmation token was issued under another scope"
                    + " (project) than " + (scope.isEmpty() ? "this one" : scope) + ": it cannot be used here");
        }
        if (!tagMatches(raw, tags + TAG_BYTES, "arguments", canonicalArguments)) {
            return refused(Verification.Reason.OTHER_ARGUMENTS, "the confirmation token was issued for other arguments:"
                    + " it confirms only the exact call shown to the person; call again without it to confirm this one");
        }
        long now = clock.millis();
        if (now >= expiry) {
            return refused(Verification.Reason.EXPIRED, "the confirmation token expired at " + Instant.ofEpochMilli(expiry)
                    + " (tokens last " + ttl.toMinutes() + " minutes): call the tool again without it to get a new one");
        }
        forgetExpired(now);
        if (spent.size() >= replayCapacity) {
            return refused(Verification.Reason.OVERLOADED, "too many confirmations in flight: try again in a minute");
        }
        if (spent.putIfAbsent(Base64.getEncoder().encodeToString(nonce), expiry) != null) {
            return refused(Verification.Reason.REPLAYED, "the confirmation token was already used: each token confirms"
                    + " one call; call the tool again without it to get a new one");
        }
        return new Verification.Valid(Instant.ofEpochMilli(expiry));
    }

    /** How many spent tokens are remembered now (for metrics and tests). */
    public int spentCount() {
        forgetExpired(clock.millis());
        return spent.size();
    }

    private void forgetExpired(long now) {
        // Sweeping is O(spent): once a second is enough to keep the set to one TTL's worth.
        if (now - lastSweep < 1_000 && spent.size() < replayCapacity) {
            return;
        }
        lastSweep = now;
        for (Iterator<Map.Entry<String, Long>> it = spent.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue() <= now) {
                it.remove();
            }
        }
    }

    private boolean tagMatches(byte[] raw, int offset, String label, String value) {
        return MessageDigest.isEqual(tag(label, value), Arrays.copyOfRange(raw, offset, offset + TAG_BYTES));
    }

    /** A keyed digest of one part; the label keeps a tool name from ever matching a scope. */
    private byte[] tag(String label, String value) {
        Mac m = newMac();
        m.update(label.getBytes(StandardCharsets.UTF_8));
        m.update((byte) 0);
        m.update(value.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(m.doFinal(), TAG_BYTES);
    }

    private byte[] mac(byte[] data, int length) {
        Mac m = newMac();
        m.update("lakebase-mcp confirmation v1".getBytes(StandardCharsets.US_ASCII));
        m.update(data, 0, length);
        return m.doFinal();
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 4 * LENGTH) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Verification refused(Verification.Reason reason, String message) {
        return new Verification.Refused(reason, message);
    }
}
