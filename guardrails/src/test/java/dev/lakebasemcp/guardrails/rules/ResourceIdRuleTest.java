package dev.lakebasemcp.guardrails.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceIdRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "production", "dev-1", "feature-x-2026", "a1-b2-c3",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"})
    void acceptsRfc1123Labels(String id) {
        assertTrue(ResourceIdRule.check("branch_id", id).isEmpty(), id);
    }

    @ParameterizedTest
    @CsvSource({
            "'', id_required",
            "My-Branch, id_charset",
            "my_branch, id_charset",
            "my branch, id_charset",
            "1branch, id_start",
            "-branch, id_start",
            "branch-, id_end",
            "bränch, id_charset",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234, id_length"})
    void refusesWithTheRuleNamed(String id, String rule) {
        Violation v = ResourceIdRule.check("branch_id", id).orElseThrow();
        assertEquals("branch_id", v.field());
        assertEquals(rule, v.rule());
        assertTrue(v.message().startsWith("branch_id "), v.message());
    }

    @Test
    void refusesNull() {
        assertEquals("id_required", ResourceIdRule.check("project_id", null).orElseThrow().rule());
    }

    @Test
    void messageSuggestsAValidId() {
        Violation v = ResourceIdRule.check("branch_id", "My_Feature Branch").orElseThrow();
        assertTrue(v.message().contains("try \"my-feature-branch\""), v.message());
        assertTrue(ResourceIdRule.isValid(ResourceIdRule.suggest("9__Bad--Name-").orElseThrow()));
    }
}
