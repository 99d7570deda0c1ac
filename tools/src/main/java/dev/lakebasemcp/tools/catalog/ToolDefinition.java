package dev.lakebasemcp.tools.catalog;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an agent sees of a tool, apart from the code that runs it: name, description, schemas, risk.
 * The MCP annotations are derived from the risk so they can never disagree with the guard.
 */
public record ToolDefinition(String name, String title, ToolGroup group, Risk risk, boolean idempotent,
        String description, Map<String, Object> inputSchema, Map<String, Object> outputSchema) {

    // https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must be snake_case, got " + name);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(outputSchema, "outputSchema");
    }

    public boolean readOnly() {
        return risk == Risk.READ;
    }

    public boolean destructive() {
        return risk == Risk.DESTRUCTIVE;
    }
}
