package dev.lakebasemcp.server.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON schemas whose exact keywords the conformance scenarios check, field for field. */
final class FixtureSchemas {

    private FixtureSchemas() {
    }

    /** SEP-1034: a default for every primitive type (elicitation-sep1034-defaults). */
    static Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
        p.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
        p.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
        p.put("status", Map.of("type", "string", "description", "User status",
                "enum", List.of("active", "inactive", "pending"), "default", "active"));
        p.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
        return Map.of("type", "object", "properties", p, "required", List.of());
    }

    /** SEP-1330: untitled and titled single-select, legacy enumNames, untitled and titled multi-select. */
    static Map<String, Object> enums() {
        List<String> options = List.of("option1", "option2", "option3");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("untitledSingle", Map.of("type", "string", "description", "Select one option", "enum", options));
        p.put("titledSingle", Map.of("type", "string", "description", "Select one option with titles",
                "oneOf", titled("Option")));
        p.put("legacyEnum", Map.of("type", "string", "description", "Select one option (legacy)",
                "enum", List.of("opt1", "opt2", "opt3"), "enumNames", List.of("Option One", "Option Two", "Option Three")));
        p.put("untitledMulti", Map.of("type", "array", "description", "Select multiple options", "minItems", 1,
                "maxItems", 3, "items", Map.of("type", "string", "enum", options)));
        p.put("titledMulti", Map.of("type", "array", "description", "Select multiple options with titles",
                "minItems", 1, "maxItems", 3, "items", Map.of("anyOf", titled("Choice"))));
        return Map.of("type", "object", "properties", p, "required", List.of());
    }

    private static List<Map<String, Object>> titled(String noun) {
        return List.of(Map.of("const", "value1", "title", "First " + noun),
                Map.of("const", "value2", "title", "Second " + noun),
                Map.of("const", "value3", "title", "Third " + noun));
    }

    /** SEP-1613: $schema, $defs and additionalProperties must reach tools/list unchanged. */
    static Map<String, Object> jsonSchema202012() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("type", "object");
        s.put("$defs", Map.of("address", Map.of("type", "object", "properties",
                Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))));
        s.put("properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")));
        s.put("additionalProperties", false);
        return s;
    }
}
