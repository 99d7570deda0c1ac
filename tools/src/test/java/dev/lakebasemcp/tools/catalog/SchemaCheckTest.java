package dev.lakebasemcp.tools.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SchemaCheck} must agree with a complete JSON Schema validator (networknt, the one the MCP SDK uses) on
 * every schema of the catalog, for valid arguments and for many broken ones, and must say what is wrong.
 */
class SchemaCheckTest {

    private final Catalog catalog = Catalog.standard();
    private final DefaultJsonSchemaValidator reference = new DefaultJsonSchemaValidator();

    @Test
    void everyCatalogSchemaCompiles() {
        for (ToolDefinition t : catalog.tools()) {
            assertTrue(SchemaCheck.compile(t.inputSchema()).isPresent(), t.name() + " input");
            assertTrue(SchemaCheck.compile(t.outputSchema()).isPresent(), t.name() + " output");
        }
    }

    @Test
    void agreesWithTheReferenceOnValidAndBrokenArguments() {
        Random random = new Random(42);
        int compared = 0;
        int invalid = 0;
        for (ToolDefinition t : catalog.tools()) {
            Map<String, Object> schema = t.inputSchema();
            SchemaCheck check = SchemaCheck.compile(schema).orElseThrow();
            Map<String, Object> valid = example(schema);
            assertNull(check.check(valid), t.name() + " example " + valid);
            assertTrue(reference.validate(schema, valid).valid(), t.name() + " example per reference " + valid);
            for (int round = 0; round < 60; round++) {
                Map<String, Object> args = mutate(schema, valid, random);
                boolean ours = check.check(args) == null;
                boolean theirs = reference.validate(schema, args).valid();
                assertEquals(theirs, ours, t.name() + " " + args + ": ours says " + check.check(args) + "; reference "
                        + reference.validate(schema, args).errorMessage());
                compared++;
                invalid += ours ? 0 : 1;
            }
        }
        assertTrue(compared > 1000 && invalid > compared / 3, compared + " compared, " + invalid + " invalid");
    }

    @Test
    void namesTheFieldAndTheRule() {
        SchemaCheck c = SchemaCheck.compile(catalog.find("create_branch").orElseThrow().inputSchema()).orElseThrow();
        assertEquals("project_id: is required", c.check(Map.of("branch_id", "dev")));
        assertTrue(c.check(Map.of("project_id", 7, "branch_id", "dev")).startsWith("project_id: must be a string, got"));
        String unknown = c.check(Map.of("project_id", "p", "branch_id", "dev", "bogus", 1));
        assertTrue(unknown.startsWith("bogus: is not a known field; the fields are: project_id"), unknown);
        String pattern = c.check(Map.of("project_id", "Bad_Id", "branch_id", "dev"));
        assertTrue(pattern.startsWith("project_id: \"Bad_Id\" does not match the pattern"), pattern);
        String huge = c.check(Map.of("project_id", "a".repeat(1_000_000), "branch_id", "dev"));
        assertTrue(huge.length() < 200 && huge.contains("project_id"), huge);
        assertTrue(c.check(List.of()).startsWith("must be an object"));
    }

    @Test
    void numbersFollowDraft2020() {
        SchemaCheck c = SchemaCheck.compile(Schema.object().optional("n", Schema.integer("n", 1, 500)).build())
                .orElseThrow();
        assertNull(c.check(Map.of("n", 2.0)));
        assertNull(c.check(Map.of("n", new BigDecimal("500.000"))));
        assertNull(c.check(Map.of("n", BigInteger.ONE)));
        assertNotNull(c.check(Map.of("n", 1.5)));
        assertEquals("n: must be at most 500, got 501", c.check(Map.of("n", 501)));
        assertEquals("n: must be at least 1, got 0", c.check(Map.of("n", 0L)));
        assertNotNull(c.check(Map.of("n", Double.NaN)));
        assertNotNull(c.check(Map.of("n", "5")));
        SchemaCheck nullable = SchemaCheck.compile(Map.of("type", List.of("string", "null"))).orElseThrow();
        assertNull(nullable.check(null));
        assertEquals("must be string or null, got an array", nullable.check(List.of()));
    }

    @Test
    void lengthsCountCodePoints() {
        SchemaCheck c = SchemaCheck.compile(Map.of("type", "string", "maxLength", 2, "minLength", 2)).orElseThrow();
        assertNull(c.check("\uD83D\uDE00\uD83D\uDE00")); // two emoji, four UTF-16 units
        assertNotNull(c.check("abc"));
        assertNotNull(c.check("a"));
    }

    @Test
    void keywordsOutsideTheSubsetDoNotCompile() {
        assertFalse(SchemaCheck.compile(Map.of("anyOf", List.of(Map.of("type", "string")))).isPresent());
        assertFalse(SchemaCheck.compile(Map.of("$ref", "#/$defs/x")).isPresent());
        assertFalse(SchemaCheck.compile(Map.of("type", "object", "additionalProperties", Map.of("type", "string")))
                .isPresent());
        assertFalse(SchemaCheck.compile(Map.of("enum", List.of(1, 2))).isPresent());
        assertFalse(SchemaCheck.compile(Map.of("type", "decimal")).isPresent());
    }

    // ---- generating arguments from a schema ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> example(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (Object r : (List<Object>) schema.getOrDefault("required", List.of())) {
            out.put((String) r, value((Map<String, Object>) props.get(r)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> s) {
        Object type = s.get("type");
        if (s.get("enum") instanceof List<?> e) {
            return e.get(0);
        }
        if ("string".equals(type)) {
            return s.containsKey("pattern") ? "abc" : "x";
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return ((Number) s.getOrDefault("minimum", 0)).longValue();
        }
        if ("boolean".equals(type)) {
            return true;
        }
        if ("array".equals(type)) {
            List<Object> l = new ArrayList<>();
            int min = ((Number) s.getOrDefault("minItems", 0)).intValue();
            for (int i = 0; i < Math.max(1, min); i++) {
                l.add(value((Map<String, Object>) s.getOrDefault("items", Map.of("type", "string"))));
            }
            return l;
        }
        if ("object".equals(type)) {
            return example(s);
        }
        return "x";
    }

    /** A copy of {@code valid} with one to three changes, most of them breaking something. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutate(Map<String, Object> schema, Map<String, Object> valid, Random r) {
        Map<String, Object> args = new HashMap<>(valid);
        Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> names = new ArrayList<>(props.keySet());
        int changes = 1 + r.nextInt(3);
        for (int i = 0; i < changes; i++) {
            switch (r.nextInt(4)) {
                case 0 -> args.put("zz_unknown_" + r.nextInt(3), "v");
                case 1 -> {
                    if (!args.isEmpty()) {
                        args.remove(new ArrayList<>(args.keySet()).get(r.nextInt(args.size())));
                    }
                }
                default -> {
                    if (!names.isEmpty()) {
                        String n = names.get(r.nextInt(names.size()));
                        args.put(n, candidate((Map<String, Object>) props.get(n), r));
                    }
                }
            }
        }
        return args;
    }

    @SuppressWarnings("unchecked")
    private static Object candidate(Map<String, Object> s, Random r) {
        List<Object> pool = new ArrayList<>(Arrays.asList("abc", "Bad_Id", "", "a".repeat(70), "1h", "4h", "uri",
                "jdbc", "-x", "x-", "production", "a-b", null, true, false, 0, 1, -1, 2.0, 1.5, 8, 32, 64, 501, 86400,
                604800, 1_000_000_000_000L, new BigInteger("123456789012345678901234567890"), List.of(),
                List.of("a"), List.of(1), List.of("a", "b", "c", "d"), Map.of(), Map.of("k", 1)));
        if (s.get("enum") instanceof List<?> e) {
            pool.addAll(e);
        }
        if (s.get("minimum") instanceof Number min) {
            pool.add(min);
            pool.add(min.doubleValue() - 1);
        }
        if (s.get("maximum") instanceof Number max) {
            pool.add(max);
            pool.add(max.doubleValue() + 0.5);
        }
        if ("object".equals(s.get("type"))) {
            pool.add(example(s));
        }
        if ("array".equals(s.get("type")) && s.get("items") instanceof Map<?, ?> items) {
            pool.add(List.of(value((Map<String, Object>) items), value((Map<String, Object>) items)));
        }
        return pool.get(r.nextInt(pool.size()));
    }
}
