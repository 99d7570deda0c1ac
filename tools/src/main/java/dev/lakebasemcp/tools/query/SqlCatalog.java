package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.catalog.ToolDefinition;
import java.util.List;

/** The SQL tools as the agent sees them (group {@code sql}). */
public final class SqlCatalog {

    private SqlCatalog() {
    }

    /** Adds the SQL tool definitions to {@code tools}. */
    public static void define(List<ToolDefinition> tools) {
        // Being written (issue 5).
    }
}
