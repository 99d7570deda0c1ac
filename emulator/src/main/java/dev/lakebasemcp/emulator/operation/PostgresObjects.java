package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.Database;
import dev.lakebasemcp.emulator.model.Names;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.Role;
import dev.lakebasemcp.emulator.model.WireFormat;
import dev.lakebasemcp.emulator.store.Change;
import dev.lakebasemcp.emulator.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Databases and roles of a branch: real {@code CREATE DATABASE} / {@code CREATE ROLE} on the branch's
 * cluster through its superuser, with their metadata beside them.
 */
public final class PostgresObjects {

    private final LocalWorkspace ws;

    public PostgresObjects(LocalWorkspace ws) {
        this.ws = ws;
    }

    /** The Postgres group that DATABRICKS_SUPERUSER membership grants: broad data rights, never SUPERUSER. */
    static String createSuperuserGroup() {
        return "CREATE ROLE " + Role.SUPERUSER_GROUP + " NOLOGIN CREATEDB CREATEROLE;"
                + " GRANT pg_read_all_data, pg_write_all_data, pg_monitor, pg_signal_backend TO "
                + Role.SUPERUSER_GROUP + " WITH ADMIN OPTION";
    }

    static String createRole(Role r) {
        StringBuilder sql = new StringBuilder("CREATE ROLE ").append(Names.quoteIdent(r.postgresRole()))
                .append(r.canLogin() ? " LOGIN" : " NOLOGIN")
                .append(r.createdb() ? " CREATEDB" : "")
                .append(r.createrole() ? " CREATEROLE" : "")
                .append(r.bypassrls() ? " BYPASSRLS" : "");
        if (r.membershipRoles().contains(Role.SUPERUSER_MEMBERSHIP)) {
            sql.append(" IN ROLE ").append(Role.SUPERUSER_GROUP);
        }
        return sql.toString();
    }

    // ---- databases

    public JsonNode getDatabase(String projectId, String branchId, String databaseId) throws Refusal {
        return WireFormat.database(database(projectId, branchId, databaseId));
    }

    private Database database(String projectId, String branchId, String databaseId) throws Refusal {
        ws.branch(projectId, branchId);
        return ws.store().find(Names.child(projectId, branchId, "databases", databaseId), Database.class)
                .orElseThrow(() -> new Refusal(ApiError.notFound("database")));
    }

    public List<JsonNode> listDatabases(String projectId, String branchId) throws Refusal {
        Branch b = ws.branch(projectId, branchId);
        List<JsonNode> result = new ArrayList<>();
        ws.store().children(b.name(), Database.class).forEach(d -> result.add(WireFormat.database(d)));
        return result;
    }

    /** The role named by {@code spec.role} ({@code projects/p/branches/b/roles/r}) on this branch. */
    private Role roleReference(Branch b, String roleName) throws Refusal {
        String prefix = b.name() + "/roles/";
        String roleId = roleName.startsWith(prefix) ? roleName.substring(prefix.length()) : roleName;
        return ws.store().find(b.name() + "/roles/" + roleId, Role.class).orElseThrow(() -> new Refusal(
                ApiError.of(404, "NOT_FOUND", "role not found; role_id:\"" + roleId + "\" [TraceId: "
                        + java.util.UUID.randomUUID() + "]")));
    }

    public synchronized OperationRecord createDatabase(String projectId, String branchId, String databaseId,
            JsonNode body) throws Refusal, StoreException {
        Branch b = ws.readyBranch(projectId, branchId);
        JsonNode spec = LocalWorkspace.at(body, "spec");
        String pgName = LocalWorkspace.text(spec, "postgres_database");
        LakebaseRules.postgresName("database.spec.postgres_database", pgName);
        String id = databaseId == null || databaseId.isEmpty() ? Names.idFrom(pgName) : databaseId;
        LakebaseRules.id("database_id", id);
        String roleName = LocalWorkspace.text(spec, "role");
        if (roleName == null) {
            throw new Refusal(ApiError.required("database.spec.role"));
        }
        Role owner = roleReference(b, roleName);
        boolean taken = ws.store().children(b.name(), Database.class).stream()
                .anyMatch(d -> d.databaseId().equals(id) || d.postgresDatabase().equals(pgName));
        if (taken) {
            throw new Refusal(ApiError.badRequest("database with that name already exists"));
        }
        Instant now = ws.now();
        Database database = new Database(projectId, branchId, id, now, now, pgName, owner.roleId());
        OperationRecord operation = ws.newOperation(database.name(), "Database", "create", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            sql(b, "postgres", "CREATE DATABASE " + Names.quoteIdent(pgName) + " OWNER "
                    + Names.quoteIdent(owner.postgresRole()));
            return new OperationRunner.Outcome(new Change().put(database.name(), database.parent(), database),
                    WireFormat.database(database), null);
        });
    }

    public synchronized OperationRecord updateDatabase(String projectId, String branchId, String databaseId,
            JsonNode body, UpdateMask mask) throws Refusal, StoreException {
        Database d = database(projectId, branchId, databaseId);
        Branch b = ws.readyBranch(projectId, branchId);
        mask.allowOnly("database", "spec.postgres_database", "spec.role");
        JsonNode spec = LocalWorkspace.at(body, "spec");
        String pgName = d.postgresDatabase();
        if (mask.covers("spec.postgres_database")) {
            pgName = LocalWorkspace.text(spec, "postgres_database");
            LakebaseRules.postgresName("database.spec.postgres_database", pgName);
        }
        Role owner = mask.covers("spec.role")
                ? roleReference(b, Optional.ofNullable(LocalWorkspace.text(spec, "role"))
                        .orElseThrow(() -> new Refusal(ApiError.required("database.spec.role"))))
                : roleReference(b, d.roleId());
        Database updated = new Database(projectId, branchId, databaseId, d.createTime(), ws.now(), pgName,
                owner.roleId());
        OperationRecord operation = ws.newOperation(d.name(), "Database", "update", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            if (!updated.postgresDatabase().equals(d.postgresDatabase())) {
                sql(b, "postgres", "ALTER DATABASE " + Names.quoteIdent(d.postgresDatabase()) + " RENAME TO "
                        + Names.quoteIdent(updated.postgresDatabase()));
            }
            if (!updated.roleId().equals(d.roleId())) {
                sql(b, "postgres", "ALTER DATABASE " + Names.quoteIdent(updated.postgresDatabase()) + " OWNER TO "
                        + Names.quoteIdent(owner.postgresRole()));
            }
            return new OperationRunner.Outcome(new Change().put(updated.name(), updated.parent(), updated),
                    WireFormat.database(updated), null);
        });
    }

    public synchronized OperationRecord deleteDatabase(String projectId, String branchId, String databaseId)
            throws Refusal, StoreException {
        Database d = database(projectId, branchId, databaseId);
        Branch b = ws.readyBranch(projectId, branchId);
        OperationRecord operation = ws.newOperation(d.name(), "Database", "delete", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            sql(b, "postgres", "DROP DATABASE IF EXISTS " + Names.quoteIdent(d.postgresDatabase()) + " WITH (FORCE)");
            return new OperationRunner.Outcome(new Change().delete(d.name()), WireFormat.emptyResponse(), null);
        });
    }

    // ---- roles

    private Role role(String projectId, String branchId, String roleId) throws Refusal {
        ws.branch(projectId, branchId);
        return ws.store().find(Names.child(projectId, branchId, "roles", roleId), Role.class)
                .orElseThrow(() -> new Refusal(ApiError.notFound("role")));
    }

    public JsonNode getRole(String projectId, String branchId, String roleId) throws Refusal {
        return WireFormat.role(role(projectId, branchId, roleId));
    }

    public List<JsonNode> listRoles(String projectId, String branchId) throws Refusal {
        Branch b = ws.branch(projectId, branchId);
        List<JsonNode> result = new ArrayList<>();
        ws.store().children(b.name(), Role.class).forEach(r -> result.add(WireFormat.role(r)));
        return result;
    }

    private static String defaultAuth(String identityType) {
        if (identityType == null) {
            return "PG_PASSWORD_SCRAM_SHA_256";
        }
        return "GROUP".equals(identityType) ? "NO_LOGIN" : "LAKEBASE_OAUTH_V1";
    }

    private static List<String> memberships(JsonNode spec) throws Refusal {
        List<String> result = new ArrayList<>();
        JsonNode node = LocalWorkspace.at(spec, "membership_roles");
        if (node != null) {
            for (JsonNode m : node) {
                if (!Role.SUPERUSER_MEMBERSHIP.equals(m.asText())) {
                    throw new Refusal(ApiError.invalid("membership_roles may only hold DATABRICKS_SUPERUSER, got '"
                            + m.asText() + "'"));
                }
                result.add(m.asText());
            }
        }
        return result;
    }

    public synchronized OperationRecord createRole(String projectId, String branchId, String roleId, JsonNode body)
            throws Refusal, StoreException {
        Branch b = ws.readyBranch(projectId, branchId);
        if (body == null || body.isEmpty()) {
            throw new Refusal(ApiError.invalid("Field 'role' is required"));
        }
        JsonNode spec = LocalWorkspace.at(body, "spec");
        String pgRole = LocalWorkspace.text(spec, "postgres_role");
        LakebaseRules.postgresName("role.spec.postgres_role", pgRole);
        String id = roleId == null || roleId.isEmpty() ? Names.idFrom(pgRole) : roleId;
        LakebaseRules.id("role_id", id);
        boolean taken = ws.store().children(b.name(), Role.class).stream()
                .anyMatch(r -> r.roleId().equals(id) || r.postgresRole().equals(pgRole));
        if (taken) {
            throw new Refusal(ApiError.badRequest("role with that name already exists"));
        }
        String identity = LocalWorkspace.text(spec, "identity_type");
        String auth = Optional.ofNullable(LocalWorkspace.text(spec, "auth_method")).orElse(defaultAuth(identity));
        Instant now = ws.now();
        JsonNode attributes = LocalWorkspace.at(spec, "attributes");
        Role role = new Role(projectId, branchId, id, now, now, pgRole, identity, auth, memberships(spec),
                attributes != null && attributes.path("createdb").asBoolean(false),
                attributes != null && attributes.path("createrole").asBoolean(false),
                attributes != null && attributes.path("bypassrls").asBoolean(false));
        OperationRecord operation = ws.newOperation(role.name(), "Role", "create", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            sql(b, "postgres", createRole(role));
            return new OperationRunner.Outcome(new Change().put(role.name(), role.parent(), role),
                    WireFormat.role(role), null);
        });
    }

    public synchronized OperationRecord updateRole(String projectId, String branchId, String roleId, JsonNode body,
            UpdateMask mask) throws Refusal, StoreException {
        Role r = role(projectId, branchId, roleId);
        Branch b = ws.readyBranch(projectId, branchId);
        mask.allowOnly("role", "spec.attributes", "spec.membership_roles", "spec.auth_method", "spec.identity_type",
                "spec.postgres_role");
        JsonNode spec = LocalWorkspace.at(body, "spec");
        JsonNode attributes = LocalWorkspace.at(spec, "attributes");
        boolean createdb = mask.covers("spec.attributes.createdb")
                ? attributes != null && attributes.path("createdb").asBoolean(false) : r.createdb();
        boolean createrole = mask.covers("spec.attributes.createrole")
                ? attributes != null && attributes.path("createrole").asBoolean(false) : r.createrole();
        boolean bypassrls = mask.covers("spec.attributes.bypassrls")
                ? attributes != null && attributes.path("bypassrls").asBoolean(false) : r.bypassrls();
        List<String> memberships = mask.covers("spec.membership_roles") ? memberships(spec) : r.membershipRoles();
        String identity = mask.covers("spec.identity_type") ? LocalWorkspace.text(spec, "identity_type")
                : r.identityType();
        String auth = mask.covers("spec.auth_method")
                ? Optional.ofNullable(LocalWorkspace.text(spec, "auth_method")).orElse(defaultAuth(identity))
                : r.authMethod();
        String pgRole = r.postgresRole();
        if (mask.covers("spec.postgres_role")) {
            pgRole = LocalWorkspace.text(spec, "postgres_role");
            LakebaseRules.postgresName("role.spec.postgres_role", pgRole);
        }
        Role updated = new Role(projectId, branchId, roleId, r.createTime(), ws.now(), pgRole, identity, auth,
                memberships, createdb, createrole, bypassrls);
        OperationRecord operation = ws.newOperation(r.name(), "Role", "update", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            String quoted = Names.quoteIdent(r.postgresRole());
            if (!updated.postgresRole().equals(r.postgresRole())) {
                sql(b, "postgres", "ALTER ROLE " + quoted + " RENAME TO " + Names.quoteIdent(updated.postgresRole()));
                quoted = Names.quoteIdent(updated.postgresRole());
            }
            sql(b, "postgres", "ALTER ROLE " + quoted + (updated.canLogin() ? " LOGIN" : " NOLOGIN")
                    + (createdb ? " CREATEDB" : " NOCREATEDB") + (createrole ? " CREATEROLE" : " NOCREATEROLE")
                    + (bypassrls ? " BYPASSRLS" : " NOBYPASSRLS"));
            boolean wasMember = r.membershipRoles().contains(Role.SUPERUSER_MEMBERSHIP);
            boolean isMember = memberships.contains(Role.SUPERUSER_MEMBERSHIP);
            if (wasMember != isMember) {
                sql(b, "postgres", (isMember ? "GRANT " : "REVOKE ") + Role.SUPERUSER_GROUP
                        + (isMember ? " TO " : " FROM ") + quoted);
            }
            return new OperationRunner.Outcome(new Change().put(updated.name(), updated.parent(), updated),
                    WireFormat.role(updated), null);
        });
    }

    public synchronized OperationRecord deleteRole(String projectId, String branchId, String roleId,
            String reassignOwnedTo) throws Refusal, StoreException {
        Role r = role(projectId, branchId, roleId);
        Branch b = ws.readyBranch(projectId, branchId);
        Role heir = reassignOwnedTo == null || reassignOwnedTo.isEmpty() ? null : roleReference(b, reassignOwnedTo);
        boolean ownsDatabase = ws.store().children(b.name(), Database.class).stream()
                .anyMatch(d -> d.roleId().equals(roleId));
        if (ownsDatabase && heir == null) {
            throw new Refusal(ApiError.badRequest("role " + r.name() + " owns databases of the branch; delete them"
                    + " or pass reassign_owned_to"));
        }
        OperationRecord operation = ws.newOperation(r.name(), "Role", "delete", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            Change change = new Change().delete(r.name());
            if (heir != null) {
                for (String db : databases(b)) {
                    sql(b, db, "REASSIGN OWNED BY " + Names.quoteIdent(r.postgresRole()) + " TO "
                            + Names.quoteIdent(heir.postgresRole()) + "; DROP OWNED BY "
                            + Names.quoteIdent(r.postgresRole()));
                }
                Instant now = ws.now();
                for (Database d : ws.store().children(b.name(), Database.class)) {
                    if (d.roleId().equals(roleId)) {
                        Database moved = new Database(d.projectId(), d.branchId(), d.databaseId(), d.createTime(), now,
                                d.postgresDatabase(), heir.roleId());
                        change.put(moved.name(), moved.parent(), moved);
                    }
                }
            }
            sql(b, "postgres", "DROP ROLE " + Names.quoteIdent(r.postgresRole()));
            return new OperationRunner.Outcome(change, WireFormat.emptyResponse(), null);
        });
    }

    private List<String> databases(Branch b) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ws.superuser(b, "postgres"); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select datname from pg_database where datallowconn")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private void sql(Branch b, String database, String statement) throws Refusal {
        try (Connection c = ws.fleet().connect(ws.branch(b.projectId(), b.branchId()).clusterId(), database);
                Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new Refusal(ApiError.badRequest(e.getMessage()));
        }
    }
}
