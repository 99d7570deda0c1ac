package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.ComputeSettings;
import dev.lakebasemcp.emulator.model.Endpoint;
import dev.lakebasemcp.emulator.model.Names;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Project;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.WireFormat;
import dev.lakebasemcp.emulator.store.Change;
import dev.lakebasemcp.emulator.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints. The read-write one is the branch's own cluster; a read-only one is a hot standby of it fed by
 * streaming replication, so PostgreSQL itself refuses writes there whatever the client sets.
 */
public final class EndpointOperations {

    private final LocalWorkspace ws;

    public EndpointOperations(LocalWorkspace ws) {
        this.ws = ws;
    }

    public JsonNode get(String projectId, String branchId, String endpointId) throws Refusal {
        return WireFormat.endpoint(ws.endpoint(projectId, branchId, endpointId));
    }

    public List<JsonNode> list(String projectId, String branchId) throws Refusal {
        Branch b = ws.branch(projectId, branchId);
        List<JsonNode> result = new ArrayList<>();
        ws.store().children(b.name(), Endpoint.class).forEach(e -> result.add(WireFormat.endpoint(e)));
        return result;
    }

    public synchronized OperationRecord create(String projectId, String branchId, String endpointId, JsonNode body)
            throws Refusal, StoreException, IOException {
        LakebaseRules.id("endpoint_id", endpointId);
        Project project = ws.project(projectId);
        Branch branch = ws.readyBranch(projectId, branchId);
        if (ws.store().find(Names.child(projectId, branchId, "endpoints", endpointId), Endpoint.class).isPresent()) {
            throw new Refusal(ApiError.alreadyExists("endpoint with such id already exists"));
        }
        JsonNode spec = LocalWorkspace.at(body, "spec");
        String type = LocalWorkspace.text(spec, "endpoint_type");
        if (type == null) {
            throw new Refusal(ApiError.required("endpoint.spec.endpoint_type"));
        }
        if (!type.equals(Endpoint.READ_ONLY) && !type.equals(Endpoint.READ_WRITE)) {
            throw new Refusal(ApiError.invalid("endpoint_type must be ENDPOINT_TYPE_READ_WRITE or"
                    + " ENDPOINT_TYPE_READ_ONLY, got '" + type + "'"));
        }
        if (type.equals(Endpoint.READ_WRITE)) {
            throw new Refusal(ApiError.badRequest("branch " + branch.name()
                    + " already has a read-write endpoint; a branch has exactly one"));
        }
        ComputeSettings compute = ComputeSpecs.merge(project.defaultEndpointSettings(), spec, true, true, true);
        Instant now = ws.now();
        String clusterId = "ro-" + LocalWorkspace.randomHex(6);
        Endpoint endpoint = new Endpoint(projectId, branchId, endpointId, "ep-" + LocalWorkspace.randomHex(8), now,
                now, type, Endpoint.INIT, compute, spec != null && spec.path("disabled").asBoolean(false),
                LocalWorkspace.at(spec, "group"), ws.freePort(), clusterId);
        OperationRecord operation = ws.newOperation(endpoint.name(), "Endpoint", "create", List.of(clusterId),
                List.of(endpoint.name()));
        return ws.runner().submit(projectId, operation, new Change().put(endpoint.name(), endpoint.parent(), endpoint),
                () -> {
                    Branch current = ws.readyBranch(projectId, branchId);
                    ws.fleet().standby(current.clusterId(), clusterId);
                    ws.fleet().start(clusterId, endpoint.port());
                    Endpoint active = endpoint.withState(Endpoint.ACTIVE, ws.now());
                    return new OperationRunner.Outcome(new Change().put(active.name(), active.parent(), active),
                            WireFormat.endpoint(active), null);
                });
    }

    public synchronized OperationRecord update(String projectId, String branchId, String endpointId, JsonNode body,
            UpdateMask mask) throws Refusal, StoreException {
        Endpoint e = ws.endpoint(projectId, branchId, endpointId);
        mask.allowOnly("endpoint", "spec.autoscaling_limit_min_cu", "spec.autoscaling_limit_max_cu",
                "spec.suspension", "spec.suspend_timeout_duration", "spec.no_suspension", "spec.disabled",
                "spec.group", "spec.settings");
        JsonNode spec = LocalWorkspace.at(body, "spec");
        ComputeSettings compute = ComputeSpecs.merge(e.compute(), spec,
                mask.covers("spec.autoscaling_limit_min_cu") || mask.covers("spec.autoscaling_limit_max_cu"),
                mask.covers("spec.suspension") || mask.covers("spec.suspend_timeout_duration")
                        || mask.covers("spec.no_suspension"),
                mask.covers("spec.settings"));
        boolean disabled = mask.covers("spec.disabled") ? spec != null && spec.path("disabled").asBoolean(false)
                : e.disabled();
        JsonNode group = mask.covers("spec.group") ? LocalWorkspace.at(spec, "group") : e.group();
        Endpoint updated = e.withSettings(compute, disabled, group, ws.now());
        OperationRecord operation = ws.newOperation(e.name(), "Endpoint", "update", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            Endpoint current = ws.endpoint(projectId, branchId, endpointId);
            Endpoint result = current.withSettings(compute, disabled, group, updated.updateTime());
            return new OperationRunner.Outcome(new Change().put(result.name(), result.parent(), result),
                    WireFormat.endpoint(result), null);
        });
    }

    public synchronized OperationRecord delete(String projectId, String branchId, String endpointId)
            throws Refusal, StoreException {
        Endpoint e = ws.endpoint(projectId, branchId, endpointId);
        if (e.readWrite()) {
            throw new Refusal(ManagedByParent.error("Cannot delete read-write endpoint '" + e.name()
                    + "'. Read-write endpoints cannot be deleted."));
        }
        OperationRecord operation = ws.newOperation(e.name(), "Endpoint", "delete", List.of(), List.of());
        return ws.runner().submit(projectId, operation, new Change(), () -> {
            Endpoint current = ws.endpoint(projectId, branchId, endpointId);
            return new OperationRunner.Outcome(new Change().delete(current.name()), WireFormat.emptyResponse(),
                    () -> ws.fleet().destroy(current.clusterId()));
        });
    }
}
