package dev.lakebasemcp.guardrails.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BranchRulesTest {
    private final BranchRules rules = BranchRules.lakebaseDefaults();

    @Test
    void ttlOverThirtyDaysNamesLimitAndFix() {
        Violation v = rules.checkExpiration(Duration.ofDays(45), false).orElseThrow();
        assertEquals("ttl", v.field());
        assertEquals("ttl_max", v.rule());
        assertEquals("ttl must be at most 30 days (2592000s), got 45 days: pass a shorter ttl or no_expiry=true",
                v.message());
    }

    @Test
    void ttlBoundaries() {
        assertTrue(rules.checkExpiration(Duration.ofDays(30), false).isEmpty());
        assertTrue(rules.checkExpiration(Duration.ofSeconds(1), false).isEmpty());
        assertTrue(rules.checkExpiration((Duration) null, true).isEmpty());
        assertEquals("ttl_max", rules.checkExpiration(Duration.ofDays(30).plusSeconds(1), false).orElseThrow().rule());
        assertEquals("ttl_positive", rules.checkExpiration(Duration.ZERO, false).orElseThrow().rule());
        assertEquals("ttl_positive", rules.checkExpiration(Duration.ofSeconds(-5), false).orElseThrow().rule());
        assertEquals("ttl_required", rules.checkExpiration((Duration) null, false).orElseThrow().rule());
        assertEquals("ttl_exclusive", rules.checkExpiration(Duration.ofHours(2), true).orElseThrow().rule());
    }

    @Test
    void ttlInWireForm() {
        assertTrue(rules.checkExpiration("86400s", false).isEmpty());
        assertTrue(rules.checkExpiration("7200.5s", false).isEmpty());
        assertEquals("ttl_max", rules.checkExpiration("2592001s", false).orElseThrow().rule());
        assertEquals("ttl_format", rules.checkExpiration("1 day", false).orElseThrow().rule());
        assertEquals("ttl_required", rules.checkExpiration(" ", false).orElseThrow().rule());
    }

    @Test
    void expireTimeWithinWindow() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertTrue(rules.checkExpireTime(now.plus(Duration.ofDays(2)), now).isEmpty());
        assertEquals("ttl_max", rules.checkExpireTime(now.plus(Duration.ofDays(31)), now).orElseThrow().rule());
        assertEquals("expire_time_future", rules.checkExpireTime(now.minusSeconds(1), now).orElseThrow().rule());
        assertEquals("expire_time_format", rules.checkExpireTime("tomorrow", now).orElseThrow().rule());
    }

    @Test
    void atMostTenUnarchivedBranches() {
        assertTrue(rules.checkCanCreate(9).isEmpty());
        assertEquals("branch_limit", rules.checkCanCreate(10).orElseThrow().rule());
    }

    @Test
    void deleteRules() {
        assertEquals("default_branch_delete",
                rules.checkDelete(new BranchFacts("production", true, true, true, 2)).orElseThrow().rule());
        Violation prot = rules.checkDelete(new BranchFacts("staging", false, true, false, 0)).orElseThrow();
        assertEquals("protected_branch_delete", prot.rule());
        assertTrue(prot.message().contains("unprotect it first"), prot.message());
        assertEquals("branch has 1 child branch: delete it first".replace("branch has", "branch dev has"),
                rules.checkDelete(new BranchFacts("dev", false, false, false, 1)).orElseThrow().message());
        assertTrue(rules.checkDelete(new BranchFacts("dev", false, false, false, 0)).isEmpty());
    }

    @Test
    void resetRules() {
        assertEquals("root_branch_reset",
                rules.checkReset(new BranchFacts("production", true, false, true, 0)).orElseThrow().rule());
        assertEquals("branch_has_children",
                rules.checkReset(new BranchFacts("dev", false, false, false, 3)).orElseThrow().rule());
        assertTrue(rules.checkReset(new BranchFacts("dev", false, true, false, 0)).isEmpty());
    }
}
