package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import java.util.Map;

/** Handlers of the SQL tools. */
public final class SqlTools implements AutoCloseable {

    private final Lakebase lakebase;
    private final boolean readOnly;

    public SqlTools(Lakebase lakebase, boolean readOnly) {
        this.lakebase = lakebase;
        this.readOnly = readOnly;
    }

    public void register(Map<String, ToolHandler> handlers) {
        // Being written (issue 5).
    }

    @Override
    public void close() {
    }
}
