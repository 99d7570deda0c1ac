package dev.lakebasemcp.emulator.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.guardrails.rules.BranchFacts;
import org.junit.jupiter.api.Test;

/** Guardrails' violations answered with the status, error_code and (where known) the real API's words. */
class LakebaseRulesTest {

    static ApiError refusal(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(Refusal.class, call).error();
    }

    @Test
    void badIdsCarryTheRealApisPatternMessage() {
        ApiError e = refusal(() -> LakebaseRules.id("database_id", "Invalid_DB_ID"));
        assertEquals(400, e.status());
        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
        assertEquals("Field database_id must match pattern ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$, got 'Invalid_DB_ID'.",
                e.message());
        assertEquals("Field 'project_id' is required, expected non-default value (not \"\")!",
                refusal(() -> LakebaseRules.id("project_id", "")).message());
    }

    @Test
    void defaultAndProtectedBranchDeletesUseTheRealWording() {
        ApiError root = refusal(() -> LakebaseRules.check(LakebaseRules.BRANCHES.checkDelete(
                new BranchFacts("production", true, false, true, 0)), "projects/p/branches/production"));
        assertEquals("BAD_REQUEST", root.errorCode());
        assertEquals("Cannot delete root branch 'projects/p/branches/production'. Root branches cannot be deleted"
                + " independently.", root.message());
        assertEquals("MANAGED_BY_PARENT", root.details().get(0).path("metadata").path("declarative_context").asText());
        assertEquals("cannot delete protected branch", refusal(() -> LakebaseRules.check(LakebaseRules.BRANCHES
                .checkDelete(new BranchFacts("dev", false, true, false, 0)), "projects/p/branches/dev")).message());
    }

    @Test
    void branchLimitIsABadRequestNotResourceExhausted() {
        ApiError e = refusal(() -> LakebaseRules.check(LakebaseRules.BRANCHES.checkCanCreate(10), "projects/p"));
        assertEquals(400, e.status());
        assertEquals("BAD_REQUEST", e.errorCode());
    }

    @Test
    void otherViolationsKeepTheRulesMessage() {
        ApiError e = refusal(() -> LakebaseRules.check(LakebaseRules.COMPUTES.checkSize(0.5, 32), null));
        assertEquals("INVALID_PARAMETER_VALUE", e.errorCode());
        assertEquals(LakebaseRules.COMPUTES.checkSize(0.5, 32).orElseThrow().message(), e.message());
    }
}
