package dev.lakebasemcp.emulator.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A branch: its data is the cluster {@code clusterId}, served by its primary endpoint. {@code expireTime}
 * null means no expiry; {@code sourceBranchId} null means a root branch.
 */
public record Branch(String projectId, String branchId, String uid, Instant createTime, Instant updateTime,
        String state, boolean isDefault, boolean isProtected, Instant expireTime, String sourceBranchId,
        Instant sourceBranchTime, String clusterId) {

    public static final String INIT = "INIT";
    public static final String READY = "READY";
    public static final String RESETTING = "RESETTING";

    public Branch {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(clusterId, "clusterId");
    }

    public String name() {
        return Names.branch(projectId, branchId);
    }

    public String parent() {
        return Names.project(projectId);
    }

    public Branch withState(String newState, Instant now) {
        return new Branch(projectId, branchId, uid, createTime, now, newState, isDefault, isProtected, expireTime,
                sourceBranchId, sourceBranchTime, clusterId);
    }

    public Branch withCluster(String newClusterId, Instant sourceTime, Instant now) {
        return new Branch(projectId, branchId, uid, createTime, now, READY, isDefault, isProtected, expireTime,
                sourceBranchId, sourceTime, newClusterId);
    }

    public Branch withPolicy(boolean protect, Instant newExpireTime, Instant now) {
        return new Branch(projectId, branchId, uid, createTime, now, state, isDefault, protect, newExpireTime,
                sourceBranchId, sourceBranchTime, clusterId);
    }
}
