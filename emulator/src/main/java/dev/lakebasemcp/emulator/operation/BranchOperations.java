package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
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
import dev.lakebasemcp.guardrails.rules.BranchRules;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Branches. A branch is its own cluster, made by an online copy of its source branch's running cluster
 * (the source keeps serving), with its own {@code primary} read-write endpoint. Reset replaces the data
 * with a fresh copy of the parent.
 */
public final class BranchOperations {

    private final LocalWorkspace ws;
    /** Sizes are read from the running cluster; cached briefly because lists ask for every branch. */
    private final Map<String, long[]> sizes = new ConcurrentHashMap<>();

    public BranchOperations(LocalWorkspace ws) {
        this.ws = ws;
    }

    JsonNode render(Branch b) {
        return WireFormat.branch(b, logicalSize(b));
    }

    private long logicalSize(Branch b) {
        long now = System.currentTimeMillis();
        long[] cached = sizes.get(b.clusterId());
        if (cached != null && now - cached[1] < 10_000) {
            return cached[0];
        }
        long size = 0;
        try {
            if (ws.fleet().isRunning(b.clusterId())) {
                size = ws.fleet().sizeBytes(b.clusterId());
            }
        } catch (Exception e) {
            size = 0;
        }
        sizes.put(b.clusterId(), new long[] {size, now});
        return size;
    }

    public JsonNode get(String projectId, String branchId) throws Refusal {
        return render(ws.branch(projectId, branchId));
    }

    public List<JsonNode> list(String projectId) throws Refusal {
        Project p = ws.project(projectId);
        List<JsonNode> result = new ArrayList<>();
        for (Branch b : ws.store().children(p.name(), Branch.class)) {
            result.add(render(b));
        }
        return result;
    }

    /** The clusters holding a branch's data and its read-only endpoints' standbys. */
    static List<String> clustersOf(LocalWorkspace ws, Branch b) {
        List<String> clusters = new ArrayList<>();
        for (Endpoint e : ws.store().children(b.name(), Endpoint.class)) {
            if (!e.readWrite()) {
                clusters.add(e.clusterId());
            }
        }
        clusters.add(b.clusterId());
        return clusters;
    }

    /** The expiration policy of a spec: exactly one of ttl, expire_time, no_expiry=true. Null means no expiry. */
    private Instant expiration(JsonNode spec, Instant now) throws Refusal {
        String ttl = LocalWorkspace.text(spec, "ttl");
        String expireTime = LocalWorkspace.text(spec, "expire_time");
        boolean noExpiry = spec != null && spec.path("no_expiry").asBoolean(false);
        if (expireTime == null) {
            LakebaseRules.check(LakebaseRules.BRANCHES.checkExpiration(ttl, noExpiry), ttl);
            return noExpiry ? null : now.plus(BranchRules.parseWireDuration(ttl.strip()).orElseThrow());
        }
        if (ttl != null || noExpiry) {
            throw new Refusal(ApiError.invalid(
                    "spec.ttl, spec.expire_time and spec.no_expiry are mutually exclusive; set exactly one"));
        }
        LakebaseRules.check(LakebaseRules.BRANCHES.checkExpireTime(expireTime, now), expireTime);
        return Instant.parse(expireTime);
    }

    public synchronized OperationRecord create(String projectId, String branchId, JsonNode body)
            throws Refusal, StoreException, IOException {
        LakebaseRules.id("branch_id", branchId);
        Project project = ws.project(projectId);
        if (ws.store().find(Names.branch(projectId, branchId), Branch.class).isPresent()) {
            throw new Refusal(ApiError.alreadyExists("branch with such id already exists"));
        }
        JsonNode spec = LocalWorkspace.at(body, "spec");
        if (LocalWorkspace.text(spec, "source_branch_time") != null
                || LocalWorkspace.text(spec, "source_branch_lsn") != null) {
            throw new Refusal(ApiError.invalid("point-in-time branches (source_branch_time, source_branch_lsn)"
                    + " are not supported by Lakebase Local yet; branch from the current state instead"));
        }
        String sourceName = LocalWorkspace.text(spec, "source_branch");
        String sourceId = project.defaultBranchId();
        if (sourceName != null) {
            String prefix = project.name() + "/branches/";
            if (!sourceName.startsWith(prefix)) {
                throw new Refusal(ApiError.invalid("spec.source_branch must be a branch of " + project.name()
                        + " like " + prefix + "<branch_id>, got '" + sourceName + "'"));
            }
            sourceId = sourceName.substring(prefix.length());
        }
        Instant now = ws.now();
        Instant expireTime = expiration(spec, now);
        Branch source = ws.readyBranch(projectId, sourceId);
        int unarchived = ws.store().children(project.name(), Branch.class).size();
        LakebaseRules.check(LakebaseRules.BRANCHES.checkCanCreate(unarchived), project.name());
        String clusterId = "br-" + LocalWorkspace.randomHex(6);
        Branch branch = new Branch(projectId, branchId, "br-" + LocalWorkspace.randomHex(8), now, now, Branch.INIT,
                false, spec != null && spec.path("is_protected").asBoolean(false), expireTime, source.branchId(), null,
                clusterId);
        Endpoint endpoint = new Endpoint(projectId, branchId, ProjectOperations.PRIMARY_ENDPOINT,
                "ep-" + LocalWorkspace.randomHex(8), now, now, Endpoint.READ_WRITE, Endpoint.INIT,
                project.defaultEndpointSettings(), false, null, ws.freePort(), clusterId);
        Change reservation = new Change().put(branch.name(), branch.parent(), branch)
                .put(endpoint.name(), endpoint.parent(), endpoint);
        OperationRecord operation = ws.newOperation(branch.name(), "Branch", "create", List.of(clusterId),
                List.of(branch.name()));
        return ws.runner().submit(projectId, operation, reservation, () -> {
            Branch from = ws.readyBranch(projectId, source.branchId());
            Instant copiedAt = ws.now();
            ws.fleet().branch(from.clusterId(), clusterId);
            ws.fleet().start(clusterId, endpoint.port());
            Instant done = ws.now();
            Branch ready = branch.withCluster(clusterId, copiedAt, done);
            Change change = new Change().put(ready.name(), ready.parent(), ready)
                    .put(endpoint.name(), endpoint.parent(), endpoint.withState(Endpoint.ACTIVE, done));
            copyPostgresObjects(from, branchId, done, change);
            return new OperationRunner.Outcome(change, render(ready), null);
        });
    }

    /** The source's roles and databases, now on {@code branchId}: the copied data holds them. */
    private void copyPostgresObjects(Branch from, String branchId, Instant now, Change change) {
        for (Role r : ws.store().children(from.name(), Role.class)) {
            Role copy = r.onBranch(branchId, now);
            change.put(copy.name(), copy.parent(), copy);
        }
        for (Database d : ws.store().children(from.name(), Database.class)) {
            Database copy = d.onBranch(branchId, now);
            change.put(copy.name(), copy.parent(), copy);
        }
    }

    public synchronized OperationRecord update(String projectId, String branchId, JsonNode body, UpdateMask mask)
            throws Refusal, StoreException {
        Branch b = ws.branch(projectId, branchId);
        mask.allowOnly("branch", "spec.is_protected", "spec.expiration", "spec.ttl", "spec.expire_time",
                "spec.no_expiry");
        JsonNode spec = LocalWorkspace.at(body, "spec");
        Instant now = ws.now();
        boolean protect = mask.covers("spec.is_protected")
                ? spec != null && spec.path("is_protected").asBoolean(false) : b.isProtected();
        Instant expireTime = b.expireTime();
        if (mask.covers("spec.expiration") || mask.covers("spec.ttl") || mask.covers("spec.expire_time")
                || mask.covers("spec.no_expiry")) {
            expireTime = expiration(spec, now);
            if (b.isDefault() && expireTime != null) {
                throw new Refusal(ApiError.badRequest("the default branch " + b.name() + " cannot expire"));
            }
        }
        Branch updated = b.withPolicy(protect, expireTime, now);
        OperationRecord operation = ws.newOperation(b.name(), "Branch", "update", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> new OperationRunner.Outcome(
                new Change().put(updated.name(), updated.parent(), ws.store().find(b.name(), Branch.class)
                        .map(current -> current.withPolicy(protect, updated.expireTime(), now)).orElseThrow(
                                () -> new Refusal(ApiError.notFound("branch")))),
                render(updated), null));
    }

    public synchronized OperationRecord delete(String projectId, String branchId) throws Refusal, StoreException {
        Branch b = ws.branch(projectId, branchId);
        LakebaseRules.check(LakebaseRules.BRANCHES.checkDelete(LakebaseRules.facts(ws, b)), b.name());
        OperationRecord operation = ws.newOperation(b.name(), "Branch", "delete", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            Branch current = ws.branch(projectId, branchId);
            List<String> clusters = clustersOf(ws, current);
            return new OperationRunner.Outcome(new Change().deleteTree(b.name()), WireFormat.emptyResponse(),
                    () -> clusters.forEach(ws.fleet()::destroy));
        });
    }

    /**
     * Lakebase Local's own route: SDK 0.141.0 and the Databricks CLI have no reset method (the product's
     * reset is UI-only), so {@code POST /api/2.0/postgres/{branch}/reset} is not a workspace API.
     */
    public synchronized OperationRecord reset(String projectId, String branchId) throws Refusal, StoreException {
        Branch b = ws.readyBranch(projectId, branchId);
        LakebaseRules.check(LakebaseRules.BRANCHES.checkReset(LakebaseRules.facts(ws, b)), b.name());
        // Lakebase refuses resetting a protected branch too (research section 1.5); guardrails' checkReset does not
        if (b.isProtected()) {
            throw new Refusal(ApiError.badRequest("cannot reset protected branch '" + b.name() + "'"));
        }
        Branch parent = ws.readyBranch(projectId, b.sourceBranchId());
        String newClusterId = "br-" + LocalWorkspace.randomHex(6);
        List<Endpoint> endpoints = ws.store().children(b.name(), Endpoint.class);
        List<String> newClusters = new ArrayList<>(List.of(newClusterId));
        Map<String, String> standbyIds = new java.util.LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            if (!e.readWrite()) {
                String id = "ro-" + LocalWorkspace.randomHex(6);
                standbyIds.put(e.endpointId(), id);
                newClusters.add(id);
            }
        }
        Instant now = ws.now();
        Change reservation = new Change().put(b.name(), b.parent(), b.withState(Branch.RESETTING, now));
        OperationRecord operation = ws.newOperation(b.name(), "Branch", "reset", newClusters, List.of());
        return ws.runner().submit(projectId, operation, reservation, () -> {
            Instant copiedAt = ws.now();
            ws.fleet().branch(parent.clusterId(), newClusterId);
            List<String> old = clustersOf(ws, b);
            for (String id : old) {
                ws.fleet().stop(id);
            }
            Change change = new Change();
            Instant done = ws.now();
            for (Endpoint e : endpoints) {
                String clusterId = e.readWrite() ? newClusterId : standbyIds.get(e.endpointId());
                if (e.readWrite()) {
                    ws.fleet().start(newClusterId, e.port());
                }
                Endpoint moved = e.withCluster(clusterId, done);
                change.put(moved.name(), moved.parent(), moved);
            }
            for (Endpoint e : endpoints) {
                if (!e.readWrite()) {
                    ws.fleet().standby(newClusterId, standbyIds.get(e.endpointId()));
                    ws.fleet().start(standbyIds.get(e.endpointId()), e.port());
                }
            }
            ws.store().children(b.name(), Role.class).forEach(r -> change.delete(r.name()));
            ws.store().children(b.name(), Database.class).forEach(d -> change.delete(d.name()));
            copyPostgresObjects(parent, branchId, done, change);
            Branch ready = b.withCluster(newClusterId, copiedAt, done);
            change.put(ready.name(), ready.parent(), ready);
            return new OperationRunner.Outcome(change, render(ready), () -> old.forEach(ws.fleet()::destroy));
        });
    }
}
