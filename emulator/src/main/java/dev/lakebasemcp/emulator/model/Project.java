package dev.lakebasemcp.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/** A project as stored: effective values (what {@code status} reports). */
public record Project(String projectId, String uid, Instant createTime, Instant updateTime,
        String displayName, long pgVersion, long historyRetentionSeconds, boolean enablePgNativeLogin,
        String budgetPolicyId, JsonNode customTags, ComputeSettings defaultEndpointSettings,
        String defaultBranchId, String owner) {

    public Project {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(createTime, "createTime");
        Objects.requireNonNull(updateTime, "updateTime");
        Objects.requireNonNull(defaultEndpointSettings, "defaultEndpointSettings");
        Objects.requireNonNull(defaultBranchId, "defaultBranchId");
        Objects.requireNonNull(owner, "owner");
    }

    public String name() {
        return Names.project(projectId);
    }
}
