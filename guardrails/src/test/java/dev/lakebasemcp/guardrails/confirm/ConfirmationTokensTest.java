package dev.lakebasemcp.guardrails.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConfirmationTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-key-another-key-another-key!!".getBytes(StandardCharsets.UTF_8);
    private static final String TOOL = "delete_branch";
    private static final String SCOPE = "project:p1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ConfirmationTokens tokens = new ConfirmationTokens(KEY, clock);
    private final Map<String, Object> args = Map.of("project_id", "p1", "branch_id", "dev", "force", false);

    private Verification.Reason refusal(Verification v) {
        return assertInstanceOf(Verification.Refused.class, v, "expected a refusal").reason();
    }

    @Test
    void acceptsTheCallItWasIssuedFor() {
        String token = tokens.issue(TOOL, args, SCOPE);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        Verification v = tokens.verify(token, TOOL, args, SCOPE);
        assertEquals(Instant.parse("2026-11-25T10:05:00Z"), assertInstanceOf(Verification.Valid.class, v).expiresAt());
    }

    @Test
    void ignoresTheTokenFieldAndArgumentOrder() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("branch_id", "dev");
        first.put("project_id", "p1");
        first.put("cu", 1.0);
        String token = tokens.issue(TOOL, first, SCOPE);
        Map<String, Object> repeated = new LinkedHashMap<>();
        repeated.put("cu", 1);
        repeated.put("confirmation_token", token);
        repeated.put("project_id", "p1");
        repeated.put("branch_id", "dev");
        assertInstanceOf(Verification.Valid.class, tokens.verify(token, TOOL, repeated, SCOPE));
    }

    @Test
    void refusesAReplay() {
        String token = tokens.issue(TOOL, args, SCOPE);
        assertInstanceOf(Verification.Valid.class, tokens.verify(token, TOOL, args, SCOPE));
        assertEquals(Verification.Reason.REPLAYED, refusal(tokens.verify(token, TOOL, args, SCOPE)));
    }

    @Test
    void refusesAnExpiredToken() {
        String token = tokens.issue(TOOL, args, SCOPE);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Verification.Reason.EXPIRED, refusal(tokens.verify(token, TOOL, args, SCOPE)));
        String fresh = tokens.issue(TOOL, args, SCOPE);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertInstanceOf(Verification.Valid.class, tokens.verify(fresh, TOOL, args, SCOPE));
    }

    @Test
    void refusesOtherArgumentsToolAndScope() {
        String token = tokens.issue(TOOL, args, SCOPE);
        Map<String, Object> other = Map.of("project_id", "p1", "branch_id", "production", "force", false);
        assertEquals(Verification.Reason.OTHER_ARGUMENTS, refusal(tokens.verify(token, TOOL, other, SCOPE)));
        assertEquals(Verification.Reason.OTHER_TOOL, refusal(tokens.verify(token, "delete_project", args, SCOPE)));
        assertEquals(Verification.Reason.OTHER_SCOPE, refusal(tokens.verify(token, TOOL, args, "project:p2")));
        // None of the refusals spent it.
        assertInstanceOf(Verification.Valid.class, tokens.verify(token, TOOL, args, SCOPE));
    }

    @Test
    void refusesForgedAlteredAndForeignTokens() {
        String token = tokens.issue(TOOL, args, SCOPE);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[5] ^= 0x01; // push the expiry
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertEquals(Verification.Reason.BAD_SIGNATURE, refusal(tokens.verify(altered, TOOL, args, SCOPE)));

        String foreign = new ConfirmationTokens(OTHER_KEY, clock).issue(TOOL, args, SCOPE);
        assertEquals(Verification.Reason.BAD_SIGNATURE, refusal(tokens.verify(foreign, TOOL, args, SCOPE)));

        byte[] zeros = new byte[raw.length];
        zeros[0] = 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(zeros);
        assertEquals(Verification.Reason.BAD_SIGNATURE, refusal(tokens.verify(forged, TOOL, args, SCOPE)));
    }

    @Test
    void refusesTruncatedAndGarbageTokens() {
        String token = tokens.issue(TOOL, args, SCOPE);
        for (String bad : List.of(token.substring(0, token.length() - 4), token.substring(0, 10), "", "garbage!!",
                "not a token at all", token + "AAAA", "%%%", "x".repeat(10_000))) {
            assertEquals(Verification.Reason.MALFORMED, refusal(tokens.verify(bad, TOOL, args, SCOPE)), bad);
        }
        assertEquals(Verification.Reason.MALFORMED, refusal(tokens.verify(null, TOOL, args, SCOPE)));
    }

    @Test
    void aReplicaWithTheSameKeyVerifiesButKeepsItsOwnReplaySet() {
        String token = tokens.issue(TOOL, args, SCOPE);
        ConfirmationTokens replica = new ConfirmationTokens(KEY.clone(), clock);
        assertInstanceOf(Verification.Valid.class, replica.verify(token, TOOL, args, SCOPE));
        assertEquals(Verification.Reason.REPLAYED, refusal(replica.verify(token, TOOL, args, SCOPE)));
    }

    @Test
    void replaySetForgetsExpiredTokens() {
        for (int k = 0; k < 50; k++) {
            String t = tokens.issue(TOOL, Map.of("n", k), SCOPE);
            assertInstanceOf(Verification.Valid.class, tokens.verify(t, TOOL, Map.of("n", k), SCOPE));
        }
        assertEquals(50, tokens.spentCount());
        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, tokens.spentCount());
    }

    @Test
    void refusesWhenTheReplaySetIsFull() {
        ConfirmationTokens small = new ConfirmationTokens(KEY, clock, Duration.ofMinutes(5), 2);
        for (int k = 0; k < 2; k++) {
            String t = small.issue(TOOL, Map.of("n", k), SCOPE);
            assertInstanceOf(Verification.Valid.class, small.verify(t, TOOL, Map.of("n", k), SCOPE));
        }
        String third = small.issue(TOOL, Map.of("n", 3), SCOPE);
        assertEquals(Verification.Reason.OVERLOADED, refusal(small.verify(third, TOOL, Map.of("n", 3), SCOPE)));
    }

    @Test
    void exactlyOneOfManyConcurrentUsesWins() throws Exception {
        String token = tokens.issue(TOOL, args, SCOPE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verification>> results = new java.util.ArrayList<>();
            for (int k = 0; k < 64; k++) {
                results.add(pool.submit(() -> tokens.verify(token, TOOL, args, SCOPE)));
            }
            int valid = 0;
            for (Future<Verification> f : results) {
                if (f.get() instanceof Verification.Valid) {
                    valid++;
                }
            }
            assertEquals(1, valid);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesWeakKeys() {
        assertThrows(IllegalArgumentException.class, () -> new ConfirmationTokens(new byte[16], clock));
    }
}
