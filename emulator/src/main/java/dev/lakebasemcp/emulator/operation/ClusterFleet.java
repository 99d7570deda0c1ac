package dev.lakebasemcp.emulator.operation;

import dev.lakebasemcp.emulator.cluster.ClusterException;
import dev.lakebasemcp.emulator.cluster.PgCluster;
import dev.lakebasemcp.emulator.cluster.PostgresBinaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL clusters of Lakebase Local, one directory each under {@code root/<cluster id>} (with
 * {@code data/} and {@code archive/}), and the ones running in this process.
 */
public final class ClusterFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFleet.class);

    private final PostgresBinaries binaries;
    private final Path root;
    private final String superuserPassword;
    private final Map<String, PgCluster> open = new ConcurrentHashMap<>();

    public ClusterFleet(PostgresBinaries binaries, Path root, String superuserPassword) throws IOException {
        this.binaries = binaries;
        this.root = root;
        this.superuserPassword = superuserPassword;
        Files.createDirectories(root);
    }

    private Path dataDir(String id) {
        return root.resolve(id).resolve("data");
    }

    private Path archiveDir(String id) {
        return root.resolve(id).resolve("archive");
    }

    /** A new empty cluster (initdb), stopped. */
    public void create(String id) throws ClusterException {
        open.put(id, PgCluster.create(binaries, dataDir(id), archiveDir(id), superuserPassword));
    }

    /** An online copy of the running cluster {@code sourceId} as {@code id}, stopped. */
    public void branch(String sourceId, String id) throws ClusterException {
        open.put(id, running(sourceId).branchTo(dataDir(id), archiveDir(id)));
    }

    /** A hot standby of the running cluster {@code sourceId} as {@code id}, stopped. */
    public void standby(String sourceId, String id) throws ClusterException {
        open.put(id, running(sourceId).standbyTo(dataDir(id)));
    }

    public void start(String id, int port) throws ClusterException {
        PgCluster cluster = open.get(id);
        if (cluster == null) {
            cluster = PgCluster.open(binaries, dataDir(id), archiveDir(id), superuserPassword);
            open.put(id, cluster);
        }
        if (!cluster.isRunning()) {
            cluster.start(port);
        }
    }

    public void stop(String id) throws ClusterException {
        PgCluster cluster = open.get(id);
        if (cluster != null) {
            cluster.stop();
        }
    }

    public boolean isRunning(String id) {
        PgCluster cluster = open.get(id);
        return cluster != null && cluster.isRunning();
    }

    public long sizeBytes(String id) throws ClusterException {
        return running(id).sizeBytes();
    }

    public Connection connect(String id, String database) throws SQLException {
        PgCluster cluster = open.get(id);
        if (cluster == null || !cluster.isRunning()) {
            throw new SQLException("cluster " + id + " is not running");
        }
        return cluster.connectAsSuperuser(database);
    }

    private PgCluster running(String id) throws ClusterException {
        PgCluster cluster = open.get(id);
        if (cluster == null || !cluster.isRunning()) {
            throw new ClusterException("cluster " + id + " is not running");
        }
        return cluster;
    }

    /**
     * Stops the cluster and deletes its directory. A cluster not open in this process (left by a killed
     * one, maybe half-made) is discarded: any postmaster still running on it is stopped first.
     */
    public void destroy(String id) {
        PgCluster cluster = open.remove(id);
        try {
            if (cluster != null) {
                cluster.destroy();
            } else {
                PgCluster.discard(binaries, dataDir(id), archiveDir(id));
            }
        } catch (ClusterException | RuntimeException e) {
            LOG.warn("cluster {} could not be stopped cleanly, deleting its files: {}", id, e.getMessage());
        }
        deleteTree(root.resolve(id));
    }

    /** Cluster directories on disk. */
    public Set<String> onDisk() throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    public List<String> running() {
        return open.entrySet().stream().filter(e -> e.getValue().isRunning()).map(Map.Entry::getKey).toList();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }

    /** Stops every cluster this process runs; standbys first so their senders go quietly. */
    @Override
    public void close() {
        List<Map.Entry<String, PgCluster>> all = open.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, PgCluster> e) -> !e.getKey().startsWith("ro-")))
                .toList();
        for (Map.Entry<String, PgCluster> entry : all) {
            try {
                entry.getValue().stop();
            } catch (ClusterException | RuntimeException e) {
                LOG.warn("cluster {} did not stop: {}", entry.getKey(), e.getMessage());
            }
        }
        open.clear();
    }
}
