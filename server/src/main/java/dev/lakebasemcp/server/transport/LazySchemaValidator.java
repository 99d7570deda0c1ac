package dev.lakebasemcp.server.transport;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * Keeps per-call validation of tool arguments and structured output, but skips the SDK's check of every tool
 * schema against the 2020-12 meta-schema at build time, which loads networknt eagerly (about 140 ms of
 * start-up, mcp-java-sdk.md). Our schemas are checked against the meta-schema in a unit test instead.
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
                    d = McpJsonDefaults.getSchemaValidator();
                    delegate = d;
                }
            }
        }
        return d;
    }
}
