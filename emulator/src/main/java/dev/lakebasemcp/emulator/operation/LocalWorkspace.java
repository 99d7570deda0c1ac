package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.Endpoint;
import dev.lakebasemcp.emulator.model.Names;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Project;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.store.MetadataStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What every kind of operation shares: the store, the clusters, the operation runner, the clock and the
 * one local user (the caller of every request).
 */
public record LocalWorkspace(MetadataStore store, ClusterFleet fleet, OperationRunner runner, Clock clock,
        String userName) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public Instant now() {
        return clock.instant();
    }

    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public OperationRecord newOperation(String resourceName, String metadataType, String action,
            List<String> newClusterIds, List<String> provisionalNames) {
        return new OperationRecord(resourceName + "/operations/" + randomHex(8), metadataType, action, resourceName,
                now(), false, null, null, newClusterIds, provisionalNames);
    }

    public Project project(String projectId) throws Refusal {
        return store.find(Names.project(projectId), Project.class)
                .orElseThrow(() -> new Refusal(ApiError.notFound("project")));
    }

    public Branch branch(String projectId, String branchId) throws Refusal {
        project(projectId);
        return store.find(Names.branch(projectId, branchId), Branch.class)
                .orElseThrow(() -> new Refusal(ApiError.notFound("branch")));
    }

    /** A branch that can serve copies and SQL: READY, not still being made or reset. */
    public Branch readyBranch(String projectId, String branchId) throws Refusal {
        Branch branch = branch(projectId, branchId);
        if (!Branch.READY.equals(branch.state())) {
            throw new Refusal(ApiError.of(409, "INVALID_STATE", "branch " + branch.name() + " is "
                    + branch.state() + ", not READY; retry when the running operation on it has finished"));
        }
        return branch;
    }

    public Endpoint endpoint(String projectId, String branchId, String endpointId) throws Refusal {
        branch(projectId, branchId);
        return store.find(Names.child(projectId, branchId, "endpoints", endpointId), Endpoint.class)
                .orElseThrow(() -> new Refusal(ApiError.notFound("endpoint")));
    }

    public Endpoint primaryEndpoint(Branch branch) {
        return store.children(branch.name(), Endpoint.class).stream().filter(Endpoint::readWrite).findFirst()
                .orElseThrow(() -> new IllegalStateException("branch " + branch.name() + " has no read-write endpoint"));
    }

    /** A free 127.0.0.1 port not given to any stored endpoint, so that endpoint ports stay stable. */
    public int freePort() throws IOException {
        Set<Integer> taken = new HashSet<>();
        for (Project p : store.children("", Project.class)) {
            for (Branch b : store.children(p.name(), Branch.class)) {
                store.children(b.name(), Endpoint.class).forEach(e -> taken.add(e.port()));
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (taken.add(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }

    /** Postgres roles and databases of a branch are set up through the superuser on its primary cluster. */
    public java.sql.Connection superuser(Branch branch, String database) throws java.sql.SQLException {
        return fleet.connect(branch.clusterId(), database);
    }

    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(field);
        }
        return current == null || current.isNull() ? null : current;
    }

    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || value.asText().isEmpty() ? null : value.asText();
    }
}
