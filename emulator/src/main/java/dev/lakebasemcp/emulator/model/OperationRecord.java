package dev.lakebasemcp.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A long-running operation and its journal entry. While running, {@code newClusterIds} are the cluster
 * directories it may be making and {@code provisionalNames} the resources it inserted in an INIT state:
 * if the emulator dies before the operation ends, start-up removes both and fails the operation.
 */
public record OperationRecord(String name, String metadataType, String action, String target, Instant createTime,
        boolean done, JsonNode response, ApiError error, List<String> newClusterIds,
        List<String> provisionalNames) {

    public OperationRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadataType, "metadataType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        newClusterIds = List.copyOf(newClusterIds);
        provisionalNames = List.copyOf(provisionalNames);
        if (done && response == null && error == null) {
            throw new IllegalArgumentException("a done operation has a response or an error: " + name);
        }
    }

    public OperationRecord succeeded(JsonNode result) {
        return new OperationRecord(name, metadataType, action, target, createTime, true, result, null, List.of(),
                List.of());
    }

    public OperationRecord failed(ApiError failure) {
        return new OperationRecord(name, metadataType, action, target, createTime, true, null, failure, List.of(),
                List.of());
    }
}
