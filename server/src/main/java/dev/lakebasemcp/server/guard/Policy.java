package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.tools.catalog.ToolDefinition;
import dev.lakebasemcp.tools.catalog.ToolGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the person running the server allowed: read-only, one project, some tool groups. */
public record Policy(boolean readOnly, Optional<String> projectScope, Set<ToolGroup> toolGroups) {

    public Policy {
        toolGroups = Set.copyOf(toolGroups);
    }

    /** Whether the tool is offered at all: read-only mode does not even list write tools. */
    public boolean lists(ToolDefinition tool) {
        return toolGroups.contains(tool.group()) && (!readOnly || tool.readOnly() || runsReadOnly(tool));
    }

    /**
     * SQL tools stay in read-only mode: the guard judges each statement and the SQL runs inside a READ ONLY
     * transaction. run_sql_transaction exists to write, so it goes.
     */
    public boolean runsReadOnly(ToolDefinition tool) {
        return readOnly && (tool.name().equals("run_sql") || tool.name().equals("explain_sql"));
    }

    /** The view whoami reports. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read_only", readOnly);
        projectScope.ifPresent(p -> m.put("project_scope", p));
        List<String> groups = toolGroups.stream().map(ToolGroup::cliName).sorted().collect(Collectors.toList());
        m.put("tool_groups", groups);
        return m;
    }
}
