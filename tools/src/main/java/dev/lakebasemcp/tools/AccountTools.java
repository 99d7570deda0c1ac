package dev.lakebasemcp.tools;

import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import java.util.LinkedHashMap;
import java.util.Map;

/** whoami: identity, backend and the policy in force. */
final class AccountTools {

    private final Lakebase lakebase;
    private final Map<String, Object> policy;

    AccountTools(Lakebase lakebase, Map<String, Object> policy) {
        this.lakebase = lakebase;
        this.policy = Map.copyOf(policy);
    }

    void register(Map<String, ToolHandler> handlers) {
        handlers.put("whoami", this::whoami);
    }

    ToolResult whoami(Arguments args, CallContext ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", lakebase.userName());
        out.put("host", lakebase.host());
        out.putAll(policy);
        String where = lakebase.kind() == Lakebase.Kind.LOCAL ? "Lakebase Local (embedded emulator) at " + lakebase.host()
                : "Databricks workspace " + lakebase.host();
        return ToolResult.ok(out, "You act as " + lakebase.userName() + " on " + where + ". Policy: " + policy);
    }
}
