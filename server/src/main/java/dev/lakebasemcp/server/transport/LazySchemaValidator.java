package dev.lakebasemcp.server.transport;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps per-call validation of tool arguments and structured output, but skips the SDK's check of every tool
 * schema against the 2020-12 meta-schema at build time, which loads networknt eagerly (about 140 ms of
 * start-up, mcp-java-sdk.md). Our schemas are checked against the meta-schema in a unit test instead.
 *
 * <p>The SDK's validator finds its compiled schema by a key computed from the schema map's contents on every
 * call (a deep hash of the whole schema, for the input and again for the output: a large share of a
 * {@code SELECT 1}). The SDK passes the same map instance, the tool's own, on every call, so the key here is
 * the map's identity; a map never seen before gets a new key, so a changed schema is never served stale.
 */
public final class LazySchemaValidator implements JsonSchemaValidator {

    private volatile JsonSchemaValidator delegate;

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = new ByIdentity();
                    delegate = d;
                }
            }
        }
        return d;
    }

    /** The SDK's validator with its schema cache keyed by map identity. */
    static final class ByIdentity extends DefaultJsonSchemaValidator {

        /** Tools have a few dozen schemas; past this many maps, keys are computed the SDK's way again. */
        private static final int MAX_KEYS = 4096;

        private final Map<Map<String, Object>, String> keys = Collections.synchronizedMap(new IdentityHashMap<>());
        private final AtomicInteger next = new AtomicInteger();

        @Override
        protected String generateCacheKey(Map<String, Object> schema) {
            String key = keys.get(schema);
            if (key != null) {
                return key;
            }
            if (keys.size() >= MAX_KEYS) {
                return super.generateCacheKey(schema);
            }
            // Never a key the SDK's own scheme makes ("$id" values or a number).
            return keys.computeIfAbsent(schema, s -> "identity#" + next.incrementAndGet());
        }
    }
}
