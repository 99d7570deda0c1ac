package dev.lakebasemcp.emulator.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One PostgreSQL 17 cluster of Lakebase Local: a data directory and, while running, a {@code postgres}
 * process listening on 127.0.0.1 with TLS on, scram-sha-256 for TCP, and plain TCP refused.
 *
 * <p>CONTRACT (agreed between the cluster package and the rest of the emulator; the bodies are being
 * written). Processes run as an unprivileged OS user when the JVM runs as root.
 */
public final class PgCluster implements AutoCloseable {

    private PgCluster() {
    }

    /**
     * Runs initdb in {@code dataDir} (which must not exist or be empty): superuser {@code postgres} with
     * {@code superuserPassword}, TLS certificate, pg_hba (hostssl scram only), wal_level=replica,
     * WAL archiving into {@code archiveDir} with basic_archive. Returns the cluster stopped.
     */
    public static PgCluster create(PostgresBinaries binaries, Path dataDir, Path archiveDir,
            String superuserPassword) throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * An existing data directory (after a restart of the emulator). If a postmaster from an earlier
     * process is still running on it, it is stopped first, so nothing is orphaned.
     */
    public static PgCluster open(PostgresBinaries binaries, Path dataDir, Path archiveDir,
            String superuserPassword) throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /** Starts postgres on 127.0.0.1:{@code port} and waits until it accepts connections. */
    public void start(int port) throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /** Fast shutdown; no-op when not running. */
    public void stop() throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    public boolean isRunning() {
        throw new UnsupportedOperationException("being written");
    }

    /** The port it listens on while running, else the last one it was started on (0 before any start). */
    public int port() {
        throw new UnsupportedOperationException("being written");
    }

    public Path dataDir() {
        throw new UnsupportedOperationException("being written");
    }

    /** A superuser JDBC connection (TLS, scram) to {@code database} on this running cluster. */
    public Connection connectAsSuperuser(String database) throws SQLException {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * An online, consistent copy of this running cluster into {@code newDataDir} (pg_backup_start, file
     * copy, pg_backup_stop, WAL from the archive), the parent serving all along. The copy has its own
     * archive directory and is promoted to a writable cluster on its first start. Returned stopped.
     */
    public PgCluster branchTo(Path newDataDir, Path newArchiveDir) throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * A hot standby of this running cluster in {@code newDataDir}, fed by streaming replication over TLS:
     * reads work, writes are refused by PostgreSQL itself. Returned stopped; start it like any cluster.
     */
    public PgCluster standbyTo(Path newDataDir) throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /** Bytes on disk under the data directory (what a branch of it would copy). */
    public long sizeBytes() throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /** Stops the cluster and deletes its data directory and archive directory. */
    public void destroy() throws ClusterException {
        throw new UnsupportedOperationException("being written");
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() throws ClusterException {
        stop();
    }
}
