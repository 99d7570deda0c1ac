package dev.lakebasemcp.tools.databases;

import com.databricks.sdk.service.postgres.CreateDatabaseRequest;
import com.databricks.sdk.service.postgres.CreateRoleRequest;
import com.databricks.sdk.service.postgres.Database;
import com.databricks.sdk.service.postgres.DatabaseDatabaseSpec;
import com.databricks.sdk.service.postgres.Role;
import com.databricks.sdk.service.postgres.RoleIdentityType;
import com.databricks.sdk.service.postgres.RoleRoleSpec;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Defaults;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.lakebase.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Handlers for the database and role tools. */
public final class DatabaseTools {

    private final Lakebase lakebase;
    private final Operations operations;
    private final Defaults defaults;

    public DatabaseTools(Lakebase lakebase, Operations operations) {
        this.lakebase = lakebase;
        this.operations = operations;
        this.defaults = new Defaults(lakebase);
    }

    public void register(Map<String, ToolHandler> handlers) {
        handlers.put("list_databases", this::listDatabases);
        handlers.put("create_database", this::createDatabase);
        handlers.put("delete_database", this::deleteDatabase);
        handlers.put("list_roles", this::listRoles);
        handlers.put("create_role", this::createRole);
        handlers.put("delete_role", this::deleteRole);
    }

    ToolResult listDatabases(Arguments args, CallContext ctx) {
        String branch = Names.branch(args.requiredString("project_id"), defaults.branchId(args));
        List<Map<String, Object>> dbs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Database d : lakebase.postgres().listDatabases(branch)) {
            Map<String, Object> v = Views.of(d);
            dbs.add(v);
            text.append("\n- ").append(v.get("postgres_database")).append(" (id ").append(v.get("database_id"))
                    .append(", owner ").append(Names.lastId((String) v.get("role"))).append(')');
        }
        return ToolResult.ok(Map.of("databases", dbs), dbs.size() + " database(s):" + text);
    }

    ToolResult createDatabase(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = defaults.branchId(args);
        String branch = Names.branch(projectId, branchId);
        String pgName = args.requiredString("database_name");
        String owner = args.string("owner_role_id").map(r -> Names.role(projectId, branchId, r))
                .orElseGet(() -> ownRole(branch));
        if (owner == null) {
            return new ToolResult.Failed("not_found", "no role for " + lakebase.userName() + " on branch " + branchId,
                    "Pass owner_role_id (see list_roles) or create_role for yourself first.");
        }
        String databaseId = idFor(pgName);
        var op = lakebase.postgres().createDatabase(new CreateDatabaseRequest().setParent(branch)
                .setDatabaseId(databaseId)
                .setDatabase(new Database().setSpec(new DatabaseDatabaseSpec().setPostgresDatabase(pgName).setRole(owner))));
        String name = branch + "/databases/" + databaseId;
        return operations.finish(op.getName(), "Creating database " + pgName, ctx,
                () -> ToolResult.ok(Map.of("database", Views.of(lakebase.postgres().getDatabase(name))),
                        "Created database " + pgName + " (id " + databaseId + ") owned by " + Names.lastId(owner) + "."),
                Map.of("database", Map.of("database_id", databaseId)), "list_databases");
    }

    ToolResult deleteDatabase(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String name = Names.database(projectId, defaults.branchId(args), args.requiredString("database_id"));
        var op = lakebase.postgres().deleteDatabase(name);
        return operations.finish(op.getName(), "Deleting database " + Names.lastId(name), ctx,
                () -> ToolResult.ok(Map.of("deleted", name), "Deleted database " + Names.lastId(name) + "."),
                Map.of("deleted", name), "list_databases");
    }

    ToolResult listRoles(Arguments args, CallContext ctx) {
        String branch = Names.branch(args.requiredString("project_id"), defaults.branchId(args));
        List<Map<String, Object>> roles = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Role r : lakebase.postgres().listRoles(branch)) {
            Map<String, Object> v = Views.of(r);
            roles.add(v);
            text.append("\n- ").append(v.get("postgres_role")).append(" (id ").append(v.get("role_id"))
                    .append(v.get("identity_type") == null ? "" : ", " + v.get("identity_type")).append(')');
        }
        return ToolResult.ok(Map.of("roles", roles), roles.size() + " role(s):" + text);
    }

    ToolResult createRole(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = defaults.branchId(args);
        String roleId = args.requiredString("role_id");
        RoleRoleSpec spec = new RoleRoleSpec().setPostgresRole(args.requiredString("postgres_role"));
        args.string("identity_type").ifPresent(t -> spec.setIdentityType(RoleIdentityType.valueOf(t.toUpperCase(Locale.ROOT))));
        String branch = Names.branch(projectId, branchId);
        var op = lakebase.postgres().createRole(new CreateRoleRequest().setParent(branch).setRoleId(roleId)
                .setRole(new Role().setSpec(spec)));
        String name = Names.role(projectId, branchId, roleId);
        return operations.finish(op.getName(), "Creating role " + roleId, ctx,
                () -> ToolResult.ok(Map.of("role", Views.of(lakebase.postgres().getRole(name))),
                        "Created role " + spec.getPostgresRole() + " (id " + roleId + ") on " + branchId + "."),
                Map.of("role", Map.of("role_id", roleId)), "list_roles");
    }

    ToolResult deleteRole(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String name = Names.role(projectId, defaults.branchId(args), args.requiredString("role_id"));
        var op = lakebase.postgres().deleteRole(name);
        return operations.finish(op.getName(), "Deleting role " + Names.lastId(name), ctx,
                () -> ToolResult.ok(Map.of("deleted", name), "Deleted role " + Names.lastId(name) + "."),
                Map.of("deleted", name), "list_roles");
    }

    /** The caller's own role on the branch (the one whose Postgres name is the caller's identity). */
    private String ownRole(String branch) {
        String me = lakebase.userName();
        for (Role r : lakebase.postgres().listRoles(branch)) {
            String pg = r.getStatus() != null ? r.getStatus().getPostgresRole() : null;
            if (me.equals(pg)) {
                return r.getName();
            }
        }
        return null;
    }

    /** A resource id for a Postgres database name: my_app_db becomes my-app-db. */
    static String idFor(String pgName) {
        String id = pgName.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("[^a-z0-9-]", "");
        id = id.replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        if (id.isEmpty()) {
            id = "db";
        }
        return id.length() > 63 ? id.substring(0, 63).replaceAll("-+$", "") : id;
    }
}
