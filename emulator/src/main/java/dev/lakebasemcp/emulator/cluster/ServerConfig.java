package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The configuration files Lakebase Local writes into a data directory. {@code postgresql.conf} is initdb's
 * with one {@code include = 'lakebase.conf'} appended; {@code lakebase.conf} holds every setting of ours
 * and is rewritten whole for a branch or a standby, so settings never pile up along a chain of branches.
 * Port and socket directory are not in any file: {@code pg_ctl start} passes them, so a copy never
 * inherits its parent's. Settings verified in shared/research/postgres-branching.md sections 1, 2 and 5.
 */
final class ServerConfig {

    static final String FILE = "lakebase.conf";

    /**
     * Small on purpose: many clusters run at once on a 2-core, 24 GB machine. 16 MB shared buffers, 1 MB
     * WAL segments (see ClusterTemplate) with 8 MB kept for recycling and a 256 MB ceiling keep an idle
     * cluster near 30 MB of RAM and about 10 MB of pg_wal.
     */
    private static final String COMMON = """
            # Written by Lakebase Local (dev.lakebasemcp.emulator.cluster); rewritten on branch and standby.
            listen_addresses = '127.0.0.1'
            unix_socket_permissions = 0700
            ssl = on
            ssl_cert_file = 'server.crt'
            ssl_key_file = 'server.key'
            password_encryption = 'scram-sha-256'
            wal_level = replica
            max_wal_senders = 10
            max_replication_slots = 10
            shared_buffers = 16MB
            max_connections = 50
            maintenance_work_mem = 32MB
            max_worker_processes = 4
            max_parallel_workers = 2
            autovacuum_max_workers = 2
            min_wal_size = 8MB
            max_wal_size = 256MB
            huge_pages = off
            log_line_prefix = '%m [%p] %q%u@%d '
            """;

    /**
     * Exactly one pg_hba policy: TLS + scram over TCP, plain TCP refused with a clear message, and trust on
     * the Unix socket, whose directory is 0700 and owned by the server user (so only it and root reach it).
     */
    static final String HBA = """
            # Written by Lakebase Local: TLS + scram-sha-256 on TCP only; the socket directory is private.
            local     all          all                 trust
            local     replication  all                 trust
            hostssl   all          all  127.0.0.1/32   scram-sha-256
            hostssl   replication  all  127.0.0.1/32   scram-sha-256
            hostnossl all          all  0.0.0.0/0      reject
            hostnossl replication  all  0.0.0.0/0      reject
            """;

    /**
     * In a fresh copy only: its first start skips postgres' fsync of the whole copied directory (see
     * {@link BackgroundSync}), then {@link PgCluster#start} removes this line and reloads.
     */
    static final String FIRST_START = "fsync = off  # first start of a copy only; removed once it runs\n";

    private ServerConfig() {
    }

    /** A writable cluster archiving every WAL segment into {@code archiveDir} with basic_archive. */
    static String primary(Path archiveDir) {
        return COMMON + "archive_mode = on\n"
                + "archive_library = 'basic_archive'\n"
                + "basic_archive.archive_directory = " + quote(archiveDir.toString()) + "\n";
    }

    /**
     * A fresh online copy (until its first start has promoted it; then {@link #primary}): replays from {@code parentArchive} to the end of the backup, then promotes
     * (timeline + 1) and from then on archives into its own {@code archiveDir}, never the parent's: a
     * branch's timeline in the parent's archive would be followed by the parent's later recoveries.
     */
    static String branch(Path archiveDir, Path parentArchive) {
        return primary(archiveDir)
                + FIRST_START
                + "restore_command = " + quote(restoreCommand(parentArchive)) + "\n"
                + "recovery_target = 'immediate'\n"
                + "recovery_target_action = 'promote'\n";
    }

    /** A hot standby streaming from {@code primaryConninfo}, catching up from {@code primaryArchive}. */
    static String standby(String primaryConninfo, Path primaryArchive) {
        return COMMON + "archive_mode = off\n"
                + FIRST_START
                + "hot_standby = on\n"
                + "primary_conninfo = " + quote(primaryConninfo) + "\n"
                + "restore_command = " + quote(restoreCommand(primaryArchive)) + "\n";
    }

    private static String restoreCommand(Path archive) {
        // %f and %p are the only substitutions; the archive path is shell-quoted for /bin/sh
        return "cp '" + archive.toString().replace("'", "'\\''") + "'/%f \"%p\"";
    }

    /** A postgresql.conf string literal. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Appends the include of {@code lakebase.conf} to initdb's postgresql.conf. */
    static void includeFromPostgresqlConf(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("postgresql.conf"), "\ninclude = '" + FILE + "'\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
