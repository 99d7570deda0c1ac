package dev.lakebasemcp.guardrails.confirm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as {@link String#compareTo}), no
 * whitespace, numbers written by value ({@code 1}, {@code 1.0} and {@code 1e0} are all {@code 1};
 * {@code 0.50} is {@code 0.5}), so the same arguments always give the same bytes whatever map
 * order or number spelling a client used. Arrays keep their order.
 */
public final class Canonical {
    /** The argument that carries a confirmation token; it is never part of what the token signs. */
    public static final String TOKEN_FIELD = "confirmation_token";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Canonical() {
    }

    /**
     * The canonical JSON of a value: a {@link JsonNode}, or anything Jackson maps to one (maps,
     * lists, strings, numbers, booleans, null, records).
     *
     * @throws IllegalArgumentException for values JSON cannot hold (NaN, infinities)
     */
    public static String json(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        try {
            return MAPPER.writeValueAsString(normalize(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as canonical JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The canonical JSON of a JSON text. */
    public static String parseAndCanonicalize(String jsonText) {
        try {
            return json(MAPPER.readTree(jsonText));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The canonical JSON of a tool call's arguments without {@link #TOKEN_FIELD}, so the first call
     * and its repetition with the token sign the same bytes. Null or missing arguments are {@code {}}.
     */
    public static String arguments(Object arguments) {
        if (arguments == null) {
            return "{}";
        }
        JsonNode tree = arguments instanceof JsonNode node ? node.deepCopy() : MAPPER.valueToTree(arguments);
        if (tree.isNull() || tree.isMissingNode()) {
            return "{}";
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("tool arguments must be a JSON object, got " + tree.getNodeType());
        }
        ((ObjectNode) tree).remove(TOKEN_FIELD);
        return json(tree);
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = NODES.objectNode();
            for (String name : names) {
                out.set(name, normalize(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                out.add(normalize(it.next()));
            }
            return out;
        }
        if (node.isNumber()) {
            if (node.isDouble() || node.isFloat()) {
                double d = node.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("JSON numbers cannot be NaN or infinite, got " + d);
                }
            }
            BigDecimal v = node.decimalValue().stripTrailingZeros();
            if (v.scale() <= 0) {
                return NODES.numberNode(v.toBigIntegerExact());
            }
            return NODES.numberNode(v);
        }
        return node;
    }
}
