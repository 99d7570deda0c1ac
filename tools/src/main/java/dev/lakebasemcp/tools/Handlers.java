package dev.lakebasemcp.tools;

import dev.lakebasemcp.tools.branches.BranchReset;
import dev.lakebasemcp.tools.branches.BranchTools;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.connect.ConnectTools;
import dev.lakebasemcp.tools.databases.DatabaseTools;
import dev.lakebasemcp.tools.endpoints.EndpointTools;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.projects.ProjectTools;
import dev.lakebasemcp.tools.query.SqlTools;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the handler of every tool, by name. Created on the first tool call, not at start-up: handler
 * classes pull in the Databricks SDK, which the MCP {@code initialize} answer must not wait for.
 */
public final class Handlers implements AutoCloseable {

    private final Map<String, ToolHandler> byName;
    private final SqlTools sql;

    private Handlers(Map<String, ToolHandler> byName, SqlTools sql) {
        this.byName = Map.copyOf(byName);
        this.sql = sql;
    }

    /** Every tool's handler, by tool name. */
    public Map<String, ToolHandler> byName() {
        return byName;
    }

    /**
     * What a call would do, in a person's words, where a handler knows better than the arguments say:
     * complete_migration names the target and the exact SQL prepared for it. Empty otherwise.
     */
    public java.util.Optional<String> impact(String tool, Map<String, Object> args) {
        return "complete_migration".equals(tool) ? sql.migrationImpact(args) : java.util.Optional.empty();
    }

    /** Closes what handlers hold open: the SQL tools' connection pools. */
    @Override
    public void close() {
        sql.close();
    }

    /**
     * @param policy what whoami reports about the server's policy (read_only, project_scope, tool_groups)
     * @param operationTimeout how long a tool waits for a long-running operation before handing back its name
     */
    public static Handlers create(Lakebase lakebase, Map<String, Object> policy, Duration operationTimeout) {
        Map<String, ToolHandler> h = new HashMap<>();
        Operations operations = new Operations(lakebase, operationTimeout);
        new AccountTools(lakebase, policy).register(h);
        new ProjectTools(lakebase, operations).register(h);
        new BranchTools(lakebase, operations, new BranchReset(lakebase, operations)).register(h);
        new EndpointTools(lakebase, operations).register(h);
        new DatabaseTools(lakebase, operations).register(h);
        new ConnectTools(lakebase).register(h);
        SqlTools sql = new SqlTools(lakebase, Boolean.TRUE.equals(policy.get("read_only")), java.time.Clock.systemUTC(),
                dev.lakebasemcp.tools.query.ConnectionPools.Settings.standard(), operations);
        sql.register(h);
        return new Handlers(h, sql);
    }
}
