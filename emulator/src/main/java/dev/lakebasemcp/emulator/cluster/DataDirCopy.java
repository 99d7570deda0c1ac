package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Copies a live data directory file by file, leaving out what a base backup must not contain (the list of
 * the PostgreSQL docs, "Making a Base Backup Using the Low Level API", and
 * shared/research/postgres-branching.md section 2) and what is Lakebase Local's own per-cluster state.
 * Files may change or vanish while they are read: the WAL replayed from the archive repairs torn pages,
 * and a vanished file (a dropped table) is simply not copied.
 */
final class DataDirCopy {

    /** Top-level files never copied. */
    private static final Set<String> SKIP_TOP_FILES = Set.of("postmaster.pid", "postmaster.opts",
            "backup_label", "backup_label.old", "tablespace_map", "recovery.signal", "standby.signal",
            "backup_manifest", "current_logfiles", PgCluster.LOG_FILE, PgCluster.LOG_FILE + ".1",
            ClusterInfo.FILE);

    /** Top-level directories copied empty. */
    private static final Set<String> EMPTY_TOP_DIRS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private final Path from;
    private final Path to;
    private final ServerUser user;
    private final boolean asBackup;
    private long bytes;

    private DataDirCopy(Path from, Path to, ServerUser user, boolean asBackup) {
        this.from = from;
        this.to = to;
        this.user = user;
        this.asBackup = asBackup;
    }

    /**
     * Copies the live {@code from} into the existing empty {@code to} as a base backup (the exclusions
     * above), owned by {@code user}; returns bytes copied.
     */
    static long copy(Path from, Path to, ServerUser user) throws IOException {
        DataDirCopy copy = new DataDirCopy(from, to, user, true);
        copy.run();
        for (String dir : new String[] {"pg_wal/archive_status", "pg_wal/summaries"}) {
            user.createPrivateDir(to.resolve(dir));
        }
        return copy.bytes;
    }

    /** Copies every regular file and directory of the stopped {@code from} into the existing empty {@code to}. */
    static long copyAll(Path from, Path to, ServerUser user) throws IOException {
        DataDirCopy copy = new DataDirCopy(from, to, user, false);
        copy.run();
        return copy.bytes;
    }

    private void run() throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                if (rel.getNameCount() > 0 && !rel.toString().isEmpty()) {
                    if (asBackup && rel.getFileName().toString().startsWith("pgsql_tmp")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Path target = to.resolve(rel);
                    Files.createDirectory(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(dir));
                    user.own(target);
                    if (asBackup && rel.getNameCount() == 1 && EMPTY_TOP_DIRS.contains(rel.toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                String name = rel.getFileName().toString();
                if (!attrs.isRegularFile() || asBackup && (name.startsWith("pgsql_tmp") || name.equals("pg_internal.init")
                        || (rel.getNameCount() == 1 && SKIP_TOP_FILES.contains(name)))) {
                    return FileVisitResult.CONTINUE;
                }
                copyFile(file, to.resolve(rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // vanished while we walked: nothing to copy
                }
                throw e;
            }
        });
    }

    private void copyFile(Path source, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            // transferTo is sendfile on Linux: no copy through the Java heap
            long size = in.size();
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, size - position, out);
                if (n <= 0) {
                    break; // truncated while we read: WAL replay restores it
                }
                position += n;
            }
            bytes += position;
        } catch (NoSuchFileException e) {
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            Files.deleteIfExists(target); // vanished before we opened it
            return;
        }
        Files.setPosixFilePermissions(target, ServerUser.FILE_PRIVATE);
        user.own(target);
    }
}
