package dev.lakebasemcp.server.transport;

import dev.lakebasemcp.tools.catalog.SchemaCheck;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Validates tool arguments and structured output on every call, cheaply.
 *
 * <p>Schemas written with the catalog's DSL are checked by {@link SchemaCheck}, compiled once and run on the
 * argument maps as they are. The SDK's own validator (networknt) converted every value to a JSON tree and back
 * to a string on each call: a quarter of a warm {@code SELECT 1}'s CPU. A schema outside that subset (the
 * conformance fixtures use {@code $ref} and {@code anyOf}) goes to the SDK's validator, created on first use.
 * Either way the SDK's start-up check of every schema against the 2020-12 meta-schema is skipped (about 140 ms,
 * mcp-java-sdk.md); the catalog's schemas are checked against it in a unit test instead.
 *
 * <p>The SDK passes the same map instance, the tool's own, on every call, so compiled checks are found by the
 * map's identity; a map never seen before is compiled, so a changed schema is never served stale.
 */
public final class LazySchemaValidator implements JsonSchemaValidator {

    /** Tools have a few dozen schemas; past this many maps, nothing more is remembered. */
    private static final int MAX_SCHEMAS = 4096;

    private final Map<Map<String, Object>, Optional<SchemaCheck>> compiled =
            Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile JsonSchemaValidator complete;

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object value) {
        Optional<SchemaCheck> check = compiled.get(schema);
        if (check == null) {
            check = SchemaCheck.compile(schema);
            if (compiled.size() < MAX_SCHEMAS) {
                compiled.put(schema, check);
            }
        }
        if (check.isEmpty()) {
            return complete().validate(schema, value);
        }
        String problem = check.get().check(value);
        // The SDK reads the valid response's JSON text only when a tool returns no content of its own; ours always do.
        return problem == null ? ValidationResponse.asValid(null) : ValidationResponse.asInvalid(problem);
    }

    private JsonSchemaValidator complete() {
        JsonSchemaValidator c = complete;
        if (c == null) {
            synchronized (this) {
                c = complete;
                if (c == null) {
                    c = new DefaultJsonSchemaValidator();
                    complete = c;
                }
            }
        }
        return c;
    }
}
