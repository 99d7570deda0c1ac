package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.ComputeSettings;
import dev.lakebasemcp.emulator.model.Database;
import dev.lakebasemcp.emulator.model.Endpoint;
import dev.lakebasemcp.emulator.model.Names;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Project;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.Role;
import dev.lakebasemcp.emulator.model.WireFormat;
import dev.lakebasemcp.emulator.store.Change;
import dev.lakebasemcp.emulator.store.StoreException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects. Creating one makes what Lakebase makes: the {@code production} branch (default, a real cluster),
 * the caller's owner role, the {@code databricks_postgres} database and the {@code primary} read-write
 * endpoint.
 */
public final class ProjectOperations {

    static final String DEFAULT_BRANCH = "production";
    static final String PRIMARY_ENDPOINT = "primary";
    static final String DEFAULT_DATABASE_ID = "databricks-postgres";
    static final String DEFAULT_DATABASE = "databricks_postgres";
    /** Defaults the backend fills in (lakebase-facts.md: 1 CU, scale-to-zero after 5 minutes; 7 days history). */
    static final ComputeSettings DEFAULT_COMPUTE = new ComputeSettings(1, 1, 300L, false, null);
    static final long DEFAULT_HISTORY_SECONDS = 604800;

    private final LocalWorkspace ws;

    public ProjectOperations(LocalWorkspace ws) {
        this.ws = ws;
    }

    public JsonNode get(String projectId) throws Refusal {
        return WireFormat.project(ws.project(projectId));
    }

    public List<JsonNode> list() {
        List<JsonNode> result = new ArrayList<>();
        ws.store().children("", Project.class).forEach(p -> result.add(WireFormat.project(p)));
        return result;
    }

    public synchronized OperationRecord create(String projectId, JsonNode body)
            throws Refusal, StoreException, IOException {
        LakebaseRules.id("project_id", projectId);
        if (ws.store().find(Names.project(projectId), Project.class).isPresent()) {
            throw new Refusal(ApiError.alreadyExists("project with such id already exists in the workspace"));
        }
        JsonNode spec = LocalWorkspace.at(body, "spec");
        long pgVersion = spec != null && spec.hasNonNull("pg_version") ? spec.get("pg_version").asLong() : 17;
        if (pgVersion != 17) {
            throw new Refusal(ApiError.invalid("pg_version " + pgVersion
                    + " is not available in Lakebase Local, which runs PostgreSQL 17 only"));
        }
        String displayName = LocalWorkspace.text(spec, "display_name");
        long history = DEFAULT_HISTORY_SECONDS;
        String historyText = LocalWorkspace.text(spec, "history_retention_duration");
        if (historyText != null) {
            history = WireFormat.parseDuration(historyText).orElseThrow(() -> new Refusal(ApiError.invalid(
                    "history_retention_duration must be a duration like \"604800s\", got '" + historyText + "'")));
        }
        JsonNode defaults = LocalWorkspace.at(spec, "default_endpoint_settings");
        ComputeSettings projectCompute = ComputeSpecs.merge(DEFAULT_COMPUTE, defaults, true, true, true);
        ComputeSettings endpointCompute = ComputeSpecs.merge(projectCompute,
                LocalWorkspace.at(body, "initial_endpoint_spec"), true, true, false);
        boolean protect = LocalWorkspace.at(body, "initial_branch_spec", "is_protected") != null
                && body.path("initial_branch_spec").path("is_protected").asBoolean();

        Instant now = ws.now();
        Project project = new Project(projectId, java.util.UUID.randomUUID().toString(), now, now,
                displayName == null ? projectId : displayName, pgVersion, history,
                spec != null && spec.path("enable_pg_native_login").asBoolean(false),
                LocalWorkspace.text(spec, "budget_policy_id"), LocalWorkspace.at(spec, "custom_tags"),
                projectCompute, DEFAULT_BRANCH, ws.userName());
        String clusterId = "br-" + LocalWorkspace.randomHex(6);
        Branch branch = new Branch(projectId, DEFAULT_BRANCH, "br-" + LocalWorkspace.randomHex(8), now, now,
                Branch.INIT, true, protect, null, null, null, clusterId);
        Endpoint endpoint = new Endpoint(projectId, DEFAULT_BRANCH, PRIMARY_ENDPOINT,
                "ep-" + LocalWorkspace.randomHex(8), now, now, Endpoint.READ_WRITE, Endpoint.INIT, endpointCompute,
                false, LocalWorkspace.at(body, "initial_endpoint_spec", "group"), ws.freePort(), clusterId);
        Role owner = new Role(projectId, DEFAULT_BRANCH, Names.idFrom(ws.userName()), now, now, ws.userName(),
                "USER", "LAKEBASE_OAUTH_V1", List.of(Role.SUPERUSER_MEMBERSHIP), true, true, false);
        Database database = new Database(projectId, DEFAULT_BRANCH, DEFAULT_DATABASE_ID, now, now, DEFAULT_DATABASE,
                owner.roleId());

        Change reservation = new Change()
                .put(project.name(), "", project)
                .put(branch.name(), branch.parent(), branch)
                .put(endpoint.name(), endpoint.parent(), endpoint);
        OperationRecord operation = ws.newOperation(project.name(), "Project", "create", List.of(clusterId),
                List.of(project.name()));
        return ws.runner().submit(projectId, operation, reservation, () -> {
            ws.fleet().create(clusterId);
            ws.fleet().start(clusterId, endpoint.port());
            try (Connection c = ws.fleet().connect(clusterId, "postgres"); Statement s = c.createStatement()) {
                s.execute(PostgresObjects.createSuperuserGroup());
                s.execute(PostgresObjects.createRole(owner));
                s.execute("CREATE DATABASE " + Names.quoteIdent(DEFAULT_DATABASE) + " OWNER "
                        + Names.quoteIdent(owner.postgresRole()));
            }
            Instant done = ws.now();
            Change change = new Change()
                    .put(branch.name(), branch.parent(), branch.withState(Branch.READY, done))
                    .put(endpoint.name(), endpoint.parent(), endpoint.withState(Endpoint.ACTIVE, done))
                    .put(owner.name(), owner.parent(), owner)
                    .put(database.name(), database.parent(), database);
            return new OperationRunner.Outcome(change, WireFormat.project(project), null);
        });
    }

    public synchronized OperationRecord update(String projectId, JsonNode body, UpdateMask mask)
            throws Refusal, StoreException {
        Project p = ws.project(projectId);
        mask.allowOnly("project", "spec.display_name", "spec.custom_tags", "spec.default_endpoint_settings",
                "spec.history_retention_duration", "spec.enable_pg_native_login", "spec.budget_policy_id",
                "spec.project_default_settings", "spec.default_branch");
        JsonNode spec = LocalWorkspace.at(body, "spec");
        String displayName = mask.covers("spec.display_name") ? LocalWorkspace.text(spec, "display_name") : null;
        if (mask.covers("spec.display_name") && displayName == null) {
            throw new Refusal(ApiError.required("project.spec.display_name"));
        }
        long history = p.historyRetentionSeconds();
        if (mask.covers("spec.history_retention_duration")) {
            String text = LocalWorkspace.text(spec, "history_retention_duration");
            history = WireFormat.parseDuration(text).orElseThrow(() -> new Refusal(ApiError.invalid(
                    "history_retention_duration must be a duration like \"604800s\", got '" + text + "'")));
        }
        String defaultBranch = p.defaultBranchId();
        if (mask.covers("spec.default_branch")) {
            String name = LocalWorkspace.text(spec, "default_branch");
            String prefix = Names.project(projectId) + "/branches/";
            if (name == null || !name.startsWith(prefix)) {
                throw new Refusal(ApiError.invalid("default_branch must be a branch name like " + prefix
                        + "<branch_id>, got '" + name + "'"));
            }
            defaultBranch = ws.branch(projectId, name.substring(prefix.length())).branchId();
        }
        ComputeSettings compute = ComputeSpecs.merge(p.defaultEndpointSettings(),
                LocalWorkspace.at(spec, "default_endpoint_settings"), mask.covers("spec.default_endpoint_settings"),
                mask.covers("spec.default_endpoint_settings") || mask.covers("spec.project_default_settings"),
                mask.covers("spec.default_endpoint_settings"));
        Instant now = ws.now();
        Project updated = new Project(p.projectId(), p.uid(), p.createTime(), now,
                displayName == null ? p.displayName() : displayName, p.pgVersion(), history,
                mask.covers("spec.enable_pg_native_login") ? spec != null && spec.path("enable_pg_native_login").asBoolean()
                        : p.enablePgNativeLogin(),
                mask.covers("spec.budget_policy_id") ? LocalWorkspace.text(spec, "budget_policy_id") : p.budgetPolicyId(),
                mask.covers("spec.custom_tags") ? LocalWorkspace.at(spec, "custom_tags") : p.customTags(),
                compute, defaultBranch, p.owner());
        Change change = new Change();
        if (!defaultBranch.equals(p.defaultBranchId())) {
            Branch oldDefault = ws.branch(projectId, p.defaultBranchId());
            Branch newDefault = ws.branch(projectId, defaultBranch);
            change.put(oldDefault.name(), oldDefault.parent(), withDefault(oldDefault, false, now));
            change.put(newDefault.name(), newDefault.parent(), withDefault(newDefault, true, now));
        }
        change.put(updated.name(), "", updated);
        OperationRecord operation = ws.newOperation(p.name(), "Project", "update", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(),
                () -> new OperationRunner.Outcome(change, WireFormat.project(updated), null));
    }

    private static Branch withDefault(Branch b, boolean isDefault, Instant now) {
        return new Branch(b.projectId(), b.branchId(), b.uid(), b.createTime(), now, b.state(), isDefault,
                b.isProtected(), isDefault ? null : b.expireTime(), b.sourceBranchId(), b.sourceBranchTime(),
                b.clusterId());
    }

    public synchronized OperationRecord delete(String projectId) throws Refusal, StoreException {
        Project p = ws.project(projectId);
        OperationRecord operation = ws.newOperation(p.name(), "Project", "delete", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            List<String> clusters = new ArrayList<>();
            for (Branch b : ws.store().children(p.name(), Branch.class)) {
                clusters.addAll(BranchOperations.clustersOf(ws, b));
            }
            return new OperationRunner.Outcome(new Change().deleteTree(p.name()), WireFormat.emptyResponse(),
                    () -> clusters.forEach(ws.fleet()::destroy));
        });
    }


}
