package dev.lakebasemcp.tools.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema (2020-12 subset) fragments for tool inputs and outputs, built in code so that the
 * catalog costs no parsing at start-up and shared fields are one constant.
 */
public final class Schema {

    private Schema() {
    }

    /** Lakebase resource ids: RFC 1123 labels, 1-63 characters, lowercase start. */
    public static final String ID_PATTERN = "^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$";

    public static Map<String, Object> string(String description) {
        return field("string", description);
    }

    public static Map<String, Object> string(String description, int maxLength) {
        Map<String, Object> s = field("string", description);
        s.put("maxLength", maxLength);
        return s;
    }

    public static Map<String, Object> id(String description) {
        Map<String, Object> s = field("string", description);
        s.put("pattern", ID_PATTERN);
        s.put("minLength", 1);
        s.put("maxLength", 63);
        return s;
    }

    public static Map<String, Object> pattern(String description, String pattern, int maxLength) {
        Map<String, Object> s = field("string", description);
        s.put("pattern", pattern);
        s.put("maxLength", maxLength);
        return s;
    }

    public static Map<String, Object> enumOf(String description, String... values) {
        Map<String, Object> s = field("string", description);
        s.put("enum", List.of(values));
        return s;
    }

    public static Map<String, Object> bool(String description) {
        return field("boolean", description);
    }

    public static Map<String, Object> integer(String description, long min, long max) {
        Map<String, Object> s = field("integer", description);
        s.put("minimum", min);
        s.put("maximum", max);
        return s;
    }

    public static Map<String, Object> number(String description, double min, double max) {
        Map<String, Object> s = field("number", description);
        s.put("minimum", min);
        s.put("maximum", max);
        return s;
    }

    public static Map<String, Object> arrayOf(String description, Map<String, Object> items) {
        Map<String, Object> s = field("array", description);
        s.put("items", items);
        return s;
    }

    /** A loose object for output: the properties named are documented, others may appear. */
    public static Map<String, Object> looseObject(String description) {
        Map<String, Object> s = field("object", description);
        s.put("additionalProperties", true);
        return s;
    }

    private static Map<String, Object> field(String type, String description) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type);
        if (description != null) {
            s.put("description", description);
        }
        return s;
    }

    /** Starts an object schema; inputs reject unknown properties. */
    public static ObjectSchema object() {
        return new ObjectSchema();
    }

    /** An object schema under construction. */
    public static final class ObjectSchema {
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();
        private boolean closed = true;

        public ObjectSchema required(String name, Map<String, Object> schema) {
            properties.put(name, schema);
            required.add(name);
            return this;
        }

        public ObjectSchema optional(String name, Map<String, Object> schema) {
            properties.put(name, schema);
            return this;
        }

        /** Outputs stay open so that adding a field later breaks no client. */
        public ObjectSchema open() {
            closed = false;
            return this;
        }

        public Map<String, Object> build() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", "object");
            s.put("properties", Map.copyOf(properties).isEmpty() ? Map.of() : new LinkedHashMap<>(properties));
            if (!required.isEmpty()) {
                s.put("required", List.copyOf(required));
            }
            s.put("additionalProperties", !closed);
            return java.util.Collections.unmodifiableMap(s);
        }
    }
}
