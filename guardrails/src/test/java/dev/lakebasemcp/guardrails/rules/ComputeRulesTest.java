package dev.lakebasemcp.guardrails.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeRulesTest {
    private final ComputeRules rules = ComputeRules.lakebaseDefaults();

    @ParameterizedTest
    @CsvSource({"0.5,0.5", "1,1", "0.5,16.5", "16,32", "32,32", "2,4.5", "36,36", "112,112", "64,64"})
    void acceptsDocumentedSizes(double min, double max) {
        assertTrue(rules.checkSize(min, max).isEmpty(), min + "-" + max);
    }

    @ParameterizedTest
    @CsvSource({
            "0.25,1, cu_min, autoscaling_limit_min_cu",
            "0,1, cu_min, autoscaling_limit_min_cu",
            "1,33, cu_max, autoscaling_limit_max_cu",
            "1,0.7, cu_step, autoscaling_limit_max_cu",
            "0.75,2, cu_step, autoscaling_limit_min_cu",
            "4,2, cu_order, autoscaling_limit_max_cu",
            "0.5,32, cu_spread, autoscaling_limit_max_cu",
            "35,35, cu_fixed_range, autoscaling_limit_max_cu",
            "113,113, cu_fixed_range, autoscaling_limit_max_cu",
            "NaN,1, cu_number, autoscaling_limit_min_cu"})
    void refusesBadSizes(double min, double max, String rule, String field) {
        Violation v = rules.checkSize(min, max).orElseThrow();
        assertEquals(rule, v.rule(), v.message());
        assertEquals(field, v.field());
    }

    @Test
    void spreadMessageNamesTheFix() {
        String m = rules.checkAutoscaling(0.5, 32).orElseThrow().message();
        assertEquals("autoscaling range must span at most 16 CU (autoscaling_limit_max_cu minus autoscaling_limit_min_cu),"
                + " got 0.5-32 (31.5): raise autoscaling_limit_min_cu to 16 or lower autoscaling_limit_max_cu to 16.5", m);
    }

    @Test
    void fixedUpperBoundIsConfiguration() {
        ComputeRules sdkCapped = new ComputeRules(0.5, 32, 0.5, 16, 36, 64,
                Duration.ofSeconds(60), Duration.ofSeconds(604_800));
        assertTrue(sdkCapped.checkSize(112, 112).isPresent());
        assertTrue(sdkCapped.checkSize(64, 64).isEmpty());
    }

    @Test
    void checksSuspendTimeout() {
        assertTrue(rules.checkSuspendTimeout(Duration.ofSeconds(60)).isEmpty());
        assertTrue(rules.checkSuspendTimeout(Duration.ofSeconds(604_800)).isEmpty());
        assertEquals("suspend_min", rules.checkSuspendTimeout(Duration.ofSeconds(59)).orElseThrow().rule());
        assertEquals("suspend_max", rules.checkSuspendTimeout(Duration.ofSeconds(604_801)).orElseThrow().rule());
        assertEquals("suspend_required", rules.checkSuspendTimeout(null).orElseThrow().rule());
    }

    @Test
    void refusesInconsistentConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new ComputeRules(2, 1, 0.5, 16, 36, 112,
                Duration.ofSeconds(60), Duration.ofSeconds(600)));
    }
}
