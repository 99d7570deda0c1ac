package dev.lakebasemcp.tools.call;

import java.util.Map;
import java.util.Optional;

/**
 * A tool call's arguments with typed access. The SDK has already checked them against the input schema;
 * these getters still check types so a handler never sees a surprise (defence in depth, and the schema
 * validator can be switched off for speed).
 */
public record Arguments(Map<String, Object> values) {

    public Arguments {
        values = values == null ? Map.of() : values;
    }

    public Optional<String> string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new ArgumentException(name + " must be a string, got " + typeOf(v));
        }
        return Optional.of(s);
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> new ArgumentException(name + " is required"));
    }

    public Optional<Boolean> bool(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw new ArgumentException(name + " must be true or false, got " + typeOf(v));
        }
        return Optional.of(b);
    }

    public Optional<Long> integer(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.longValue());
        }
        throw new ArgumentException(name + " must be an integer, got " + typeOf(v));
    }

    public Optional<Double> number(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Number n)) {
            throw new ArgumentException(name + " must be a number, got " + typeOf(v));
        }
        return Optional.of(n.doubleValue());
    }

    /**
     * A duration written as a number and a unit, {@code 90m}, {@code 4h}, {@code 2d}, {@code 3600s}: what an
     * agent writes, and what the schema's pattern admits.
     */
    public Optional<java.time.Duration> duration(String name) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get().trim();
        if (!t.matches("[1-9][0-9]{0,7}[smhd]")) {
            throw new ArgumentException(name + " must be a number and a unit (s, m, h or d), e.g. 4h; got '" + t + "'");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
            case 's':
                return Optional.of(java.time.Duration.ofSeconds(n));
            case 'm':
                return Optional.of(java.time.Duration.ofMinutes(n));
            case 'h':
                return Optional.of(java.time.Duration.ofHours(n));
            default:
                return Optional.of(java.time.Duration.ofDays(n));
        }
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    private static String typeOf(Object v) {
        return dev.lakebasemcp.tools.catalog.SchemaCheck.describe(v);
    }
}
