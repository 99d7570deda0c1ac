package dev.lakebasemcp.guardrails.confirm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {

    @Test
    void sortsKeysAtEveryDepthAndDropsWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(Map.of("y", true, "b", "x")));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("zeta", inner);
        outer.put("alpha", null);
        assertEquals("{\"alpha\":null,\"zeta\":{\"a\":[{\"b\":\"x\",\"y\":true}],\"z\":1}}", Canonical.json(outer));
    }

    @Test
    void writesNumbersByValue() {
        assertEquals("[1,1,1,0.5,100,12345678901234567890,-0.25]",
                Canonical.parseAndCanonicalize("[1, 1.0, 1e0, 0.50, 1E2, 12345678901234567890, -2.5e-1]"));
        assertEquals(Canonical.json(Map.of("cu", 2)), Canonical.json(Map.of("cu", 2.0)));
        assertThrows(IllegalArgumentException.class, () -> Canonical.json(List.of(Double.NaN)));
    }

    @Test
    void argumentsLeaveOutTheTokenField() {
        assertEquals("{\"a\":1}", Canonical.arguments(Map.of("a", 1, "confirmation_token", "abc")));
        assertEquals("{}", Canonical.arguments(null));
        assertEquals("{\"nested\":{\"confirmation_token\":\"kept\"}}",
                Canonical.arguments(Map.of("nested", Map.of("confirmation_token", "kept"))));
        assertThrows(IllegalArgumentException.class, () -> Canonical.arguments(List.of(1)));
    }

    @Test
    void escapesStringsDeterministically() {
        assertEquals("{\"k\":\"a\\\"b\\n\\u0001é\"}", Canonical.json(Map.of("k", "a\"b\n\u0001é")));
    }
}
