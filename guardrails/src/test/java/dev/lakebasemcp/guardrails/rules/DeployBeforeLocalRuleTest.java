package dev.lakebasemcp.guardrails.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeployBeforeLocalRuleTest {
    @Test
    void refusesLocalRunBeforeDeploy() {
        assertEquals("deploy_before_local", DeployBeforeLocalRule.checkLocalRun("shop", false, false).orElseThrow().rule());
        Violation owner = DeployBeforeLocalRule.checkLocalRun("shop", true, false).orElseThrow();
        assertEquals("schema_owner", owner.rule());
        assertTrue(owner.message().contains("(A)") && owner.message().contains("(B)"));
        assertTrue(DeployBeforeLocalRule.checkLocalRun("shop", true, true).isEmpty());
    }
}
