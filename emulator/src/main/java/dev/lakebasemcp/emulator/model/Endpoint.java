package dev.lakebasemcp.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An endpoint (compute): a postgres process on 127.0.0.1:{@code port}. A read-write endpoint serves the
 * branch's own cluster; a read-only endpoint serves its own hot standby cluster ({@code clusterId}).
 */
public record Endpoint(String projectId, String branchId, String endpointId, String uid, Instant createTime,
        Instant updateTime, String endpointType, String state, ComputeSettings compute, boolean disabled,
        JsonNode group, int port, String clusterId) {

    public static final String READ_WRITE = "ENDPOINT_TYPE_READ_WRITE";
    public static final String READ_ONLY = "ENDPOINT_TYPE_READ_ONLY";
    public static final String INIT = "INIT";
    public static final String ACTIVE = "ACTIVE";

    public Endpoint {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(endpointType, "endpointType");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(clusterId, "clusterId");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    public String name() {
        return Names.child(projectId, branchId, "endpoints", endpointId);
    }

    public String parent() {
        return Names.branch(projectId, branchId);
    }

    public boolean readWrite() {
        return READ_WRITE.equals(endpointType);
    }

    public Endpoint withState(String newState, Instant now) {
        return new Endpoint(projectId, branchId, endpointId, uid, createTime, now, endpointType, newState, compute,
                disabled, group, port, clusterId);
    }

    public Endpoint withSettings(ComputeSettings newCompute, boolean newDisabled, JsonNode newGroup, Instant now) {
        return new Endpoint(projectId, branchId, endpointId, uid, createTime, now, endpointType, state, newCompute,
                newDisabled, newGroup, port, clusterId);
    }

    public Endpoint withCluster(String newClusterId, Instant now) {
        return new Endpoint(projectId, branchId, endpointId, uid, createTime, now, endpointType, state, compute,
                disabled, group, port, newClusterId);
    }
}
