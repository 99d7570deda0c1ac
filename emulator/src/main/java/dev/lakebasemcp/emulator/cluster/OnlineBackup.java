package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An online base backup of a running cluster into an empty directory, by section 2 of
 * shared/research/postgres-branching.md: pg_backup_start(fast) in a session held open, live file copy,
 * pg_backup_stop(false) in the same session, wait until the stop segment is in the archive (about 0.05 s,
 * where pg_backup_stop(true) polls in 1 s steps), then backup_label. A transaction open on the source
 * meanwhile is simply not in the copy: recovery ends at the backup's end, where it had not committed.
 * Closing the session (also on any failure) aborts the backup on the server.
 */
final class OnlineBackup {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineBackup.class);
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofSeconds(60);

    private OnlineBackup() {
    }

    /**
     * Copies the cluster in {@code sourceDataDir}, archiving into {@code sourceArchive}, over
     * {@code session} (a superuser connection to it) into {@code target}, files owned by {@code user}.
     */
    static void take(Connection session, Path sourceDataDir, Path sourceArchive, Path target, ServerUser user)
            throws ClusterException, IOException, SQLException {
        long t0 = System.nanoTime();
        try (PreparedStatement start = session.prepareStatement("SELECT pg_backup_start(?, true)")) {
            start.setString(1, "lakebase-local " + target.getFileName());
            start.execute();
        }
        long t1 = System.nanoTime();
        long copied = DataDirCopy.copy(sourceDataDir, target, user);
        long t2 = System.nanoTime();
        String segment;
        String labelFile;
        String spcmapFile;
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_walfile_name(lsn), labelfile, spcmapfile FROM pg_backup_stop(false)")) {
            rs.next();
            segment = rs.getString(1);
            labelFile = rs.getString(2);
            spcmapFile = rs.getString(3);
        }
        long t3 = System.nanoTime();
        awaitArchived(session, sourceDataDir, sourceArchive, segment);
        long t4 = System.nanoTime();
        user.writePrivateFile(target.resolve("backup_label"), labelFile);
        if (spcmapFile != null && !spcmapFile.isEmpty()) {
            user.writePrivateFile(target.resolve("tablespace_map"), spcmapFile);
        }
        LOG.debug("online copy of {} into {}: pg_backup_start {} ms, copy {} MB in {} ms, pg_backup_stop {} ms, "
                + "archive wait for {} {} ms", sourceDataDir, target, ms(t1 - t0), copied >> 20, ms(t2 - t1),
                ms(t3 - t2), segment, ms(t4 - t3));
    }

    /**
     * Basic_archive writes to a temporary name and renames, so the segment's presence in the archive means
     * it is complete; the archiver goes in order, so every earlier segment is there too.
     */
    private static void awaitArchived(Connection session, Path dataDir, Path archive, String segment)
            throws ClusterException, SQLException {
        Path archived = archive.resolve(segment);
        long deadline = System.nanoTime() + ARCHIVE_TIMEOUT.toNanos();
        while (!Files.exists(archived)) {
            if (System.nanoTime() > deadline) {
                String failure = "";
                try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT failed_count, last_failed_wal FROM pg_stat_archiver")) {
                    if (rs.next()) {
                        failure = " (archiver failures: " + rs.getLong(1) + ", last failed " + rs.getString(2) + ")";
                    }
                }
                throw new ClusterException("WAL segment " + segment + " of " + dataDir + " was not archived into "
                        + archive + " within " + ARCHIVE_TIMEOUT + failure + "\n--- " + PgCluster.LOG_FILE + " ---\n"
                        + ServerCommand.tail(dataDir.resolve(PgCluster.LOG_FILE), 20));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted waiting for the archive of " + dataDir, e);
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
