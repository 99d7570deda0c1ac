package dev.lakebasemcp.tools.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSON Schema checker for the subset {@link Schema} writes, compiled once per schema and run on the values a
 * JSON mapper gives (maps, lists, strings, numbers, booleans, null) without converting them to a tree.
 *
 * <p>Keywords checked: {@code type} (a name or a list of names), {@code properties}, {@code required},
 * {@code additionalProperties} (true or false), {@code items}, {@code minItems}, {@code maxItems}, {@code enum} of
 * strings, {@code pattern}, {@code minLength}, {@code maxLength} (in code points), {@code minimum},
 * {@code maximum}. Annotations ({@code description}, {@code title}, {@code default}, {@code examples},
 * {@code $schema}, {@code $comment}) are ignored. A schema using any other keyword does not compile
 * ({@link #compile} is empty): the caller then uses a complete validator. Semantics follow draft 2020-12: an
 * integer is a number with no fractional part ({@code 2.0} is one); a pattern matches anywhere unless
 * anchored.
 *
 * <p>The first problem found is reported, as {@code path: what is wrong}, the path naming the field
 * ({@code project_id}, {@code rows[3]}), so that an agent knows what to fix.
 */
public final class SchemaCheck {

    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "examples", "$schema",
            "$comment");
    private static final int SHOWN = 60;

    private final Node root;

    private SchemaCheck(Node root) {
        this.root = root;
    }

    /** The checker for {@code schema}, or empty when it uses a keyword outside the subset. */
    public static Optional<SchemaCheck> compile(Map<String, Object> schema) {
        try {
            return Optional.of(new SchemaCheck(node(schema)));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Null when {@code value} conforms; otherwise the first problem, naming its place. */
    public String check(Object value) {
        return root.check(value, "");
    }

    // ---- compiling ----

    private static Node node(Object schemaObject) throws Unsupported {
        if (schemaObject instanceof Boolean b) {
            return b ? (v, p) -> null : (v, p) -> at(p) + "no value is allowed here";
        }
        if (!(schemaObject instanceof Map<?, ?> schema)) {
            throw new Unsupported();
        }
        List<Node> checks = new ArrayList<>();
        for (Map.Entry<?, ?> e : schema.entrySet()) {
            String k = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "type" -> checks.add(type(v));
                case "properties", "required", "additionalProperties" -> {
                    // compiled together below
                }
                case "items" -> {
                    Node items = node(v);
                    checks.add((value, path) -> {
                        if (value instanceof List<?> list) {
                            for (int i = 0; i < list.size(); i++) {
                                String problem = items.check(list.get(i), path + "[" + i + "]");
                                if (problem != null) {
                                    return problem;
                                }
                            }
                        }
                        return null;
                    });
                }
                case "minItems" -> {
                    long min = whole(v);
                    checks.add((value, path) -> value instanceof List<?> l && l.size() < min
                            ? at(path) + "needs at least " + min + " item" + (min == 1 ? "" : "s") + ", got " + l.size()
                            : null);
                }
                case "maxItems" -> {
                    long max = whole(v);
                    checks.add((value, path) -> value instanceof List<?> l && l.size() > max
                            ? at(path) + "takes at most " + max + " item" + (max == 1 ? "" : "s") + ", got " + l.size()
                            : null);
                }
                case "enum" -> checks.add(enumOf(v));
                case "pattern" -> {
                    Pattern p;
                    try {
                        p = Pattern.compile(String.valueOf(v));
                    } catch (PatternSyntaxException ex) {
                        throw new Unsupported();
                    }
                    checks.add((value, path) -> value instanceof String s && !p.matcher(s).find()
                            ? at(path) + show(s) + " does not match the pattern " + p.pattern()
                            : null);
                }
                case "minLength" -> {
                    long min = whole(v);
                    checks.add((value, path) -> value instanceof String s && s.codePointCount(0, s.length()) < min
                            ? at(path) + "must be at least " + min + " character" + (min == 1 ? "" : "s") + " long"
                            : null);
                }
                case "maxLength" -> {
                    long max = whole(v);
                    checks.add((value, path) -> value instanceof String s && s.length() > max
                            && s.codePointCount(0, s.length()) > max
                            ? at(path) + "must be at most " + max + " characters long, got "
                                    + s.codePointCount(0, s.length())
                            : null);
                }
                case "minimum" -> {
                    BigDecimal min = decimal(v);
                    checks.add((value, path) -> value instanceof Number n && isFinite(n) && decimal(n).compareTo(min) < 0
                            ? at(path) + "must be at least " + plain(min) + ", got " + n
                            : null);
                }
                case "maximum" -> {
                    BigDecimal max = decimal(v);
                    checks.add((value, path) -> value instanceof Number n && isFinite(n) && decimal(n).compareTo(max) > 0
                            ? at(path) + "must be at most " + plain(max) + ", got " + n
                            : null);
                }
                default -> {
                    if (!ANNOTATIONS.contains(k)) {
                        throw new Unsupported();
                    }
                }
            }
        }
        if (schema.containsKey("properties") || schema.containsKey("required")
                || schema.containsKey("additionalProperties")) {
            checks.add(object(schema));
        }
        Node[] all = checks.toArray(new Node[0]);
        return (value, path) -> {
            for (Node n : all) {
                String problem = n.check(value, path);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        };
    }

    private static Node object(Map<?, ?> schema) throws Unsupported {
        Map<String, Node> properties = new LinkedHashMap<>();
        Object props = schema.get("properties");
        if (props != null) {
            if (!(props instanceof Map<?, ?> m)) {
                throw new Unsupported();
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                properties.put(String.valueOf(e.getKey()), node(e.getValue()));
            }
        }
        List<String> required = new ArrayList<>();
        Object req = schema.get("required");
        if (req != null) {
            if (!(req instanceof List<?> l)) {
                throw new Unsupported();
            }
            for (Object o : l) {
                required.add(String.valueOf(o));
            }
        }
        Object extra = schema.containsKey("additionalProperties") ? schema.get("additionalProperties") : Boolean.TRUE;
        if (!(extra instanceof Boolean)) {
            throw new Unsupported();
        }
        boolean closed = !((Boolean) extra);
        String allowed = String.join(", ", properties.keySet());
        return (value, path) -> {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            for (String r : required) {
                if (!map.containsKey(r)) {
                    return at(path + (path.isEmpty() ? "" : ".") + r) + "is required";
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                String place = path.isEmpty() ? name : path + "." + name;
                Node n = properties.get(name);
                if (n == null) {
                    if (closed) {
                        return at(place) + "is not a known field"
                                + (allowed.isEmpty() ? " (this takes no arguments)" : "; the fields are: " + allowed);
                    }
                    continue;
                }
                String problem = n.check(e.getValue(), place);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        };
    }

    private static Node type(Object spec) throws Unsupported {
        List<String> names = new ArrayList<>();
        if (spec instanceof String s) {
            names.add(s);
        } else if (spec instanceof List<?> l && !l.isEmpty()) {
            for (Object o : l) {
                names.add(String.valueOf(o));
            }
        } else {
            throw new Unsupported();
        }
        for (String n : names) {
            if (!Set.of("object", "array", "string", "integer", "number", "boolean", "null").contains(n)) {
                throw new Unsupported();
            }
        }
        String expected = names.size() == 1 ? article(names.get(0)) : String.join(" or ", names);
        return (value, path) -> {
            for (String n : names) {
                if (isType(value, n)) {
                    return null;
                }
            }
            return at(path) + "must be " + expected + ", got " + describe(value);
        };
    }

    private static Node enumOf(Object spec) throws Unsupported {
        if (!(spec instanceof List<?> l) || l.isEmpty()) {
            throw new Unsupported();
        }
        List<String> values = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new Unsupported();
            }
            values.add(s);
        }
        String listed = String.join(", ", values);
        return (value, path) -> value instanceof String s && values.contains(s) ? null
                : at(path) + "must be one of " + listed + ", got " + (value instanceof String s ? show(s) : describe(value));
    }

    // ---- values ----

    private static boolean isType(Object v, String type) {
        switch (type) {
            case "null":
                return v == null;
            case "object":
                return v instanceof Map;
            case "array":
                return v instanceof List;
            case "string":
                return v instanceof String;
            case "boolean":
                return v instanceof Boolean;
            case "number":
                return v instanceof Number n && isFinite(n);
            case "integer":
                if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                        || v instanceof BigInteger) {
                    return true;
                }
                if (v instanceof Double || v instanceof Float) {
                    double d = ((Number) v).doubleValue();
                    return !Double.isInfinite(d) && d == Math.rint(d);
                }
                return v instanceof BigDecimal b && b.stripTrailingZeros().scale() <= 0;
            default:
                return false;
        }
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(n instanceof Float f && (f.isNaN() || f.isInfinite()));
    }

    /** A JSON value as a message names it: {@code a string}, {@code the integer 5}, {@code null}. */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Number n) {
            return isType(n, "integer") ? "the integer " + n : "the number " + n;
        }
        return v.getClass().getSimpleName();
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static long whole(Object v) throws Unsupported {
        if (v instanceof Number n && isType(n, "integer")) {
            return n.longValue();
        }
        throw new Unsupported();
    }

    private static BigDecimal decimal(Object v) throws Unsupported {
        if (v instanceof Number n && isFinite(n)) {
            return decimal(n);
        }
        throw new Unsupported();
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return new BigDecimal(n.toString());
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    /** A string value as shown in a message: quoted, and cut when long (a megabyte is not echoed back). */
    private static String show(String s) {
        String cut = s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "... (" + s.length() + " characters)";
        return "\"" + cut.replace("\n", "\\n") + "\"";
    }

    /** One compiled schema (or keyword): the problem with {@code value} at {@code path}, or null. */
    @FunctionalInterface
    private interface Node {
        String check(Object value, String path);
    }

    /** A keyword or form outside the subset. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }
}
