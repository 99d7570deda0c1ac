package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One pristine initdb output per binaries version, made once and copied for every new cluster: initdb
 * bootstraps the catalogs in about 0.7 s of CPU (1.5 s on a busy 2-core box), a copy of its 39 MB takes a
 * fraction of that. Kept beside the binaries as {@code template-<binaries dir>}, owned by the server user,
 * made in a temporary sibling and renamed into place (the rename is the commit, as for the binaries).
 * Every cluster made from it shares its system identifier, which only replication compares, and a standby
 * is a copy of its primary anyway. The superuser password is replaced per cluster (see {@link PgCluster}).
 */
final class ClusterTemplate {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * initdb's options besides the data directory and password file. 1 MB WAL segments instead of 16: every
     * branch switches a segment twice (pg_backup_start, pg_backup_stop) and basic_archive copies and
     * fsyncs whole segments, so each branch would otherwise add 16-32 MB, mostly zeros, to its parent's
     * archive. Part of the template's name, so a change here makes a new template.
     */
    static final List<String> INITDB_OPTIONS = List.of("-U", PgCluster.SUPERUSER, "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--wal-segsize=1", "--no-instructions");

    private ClusterTemplate() {
    }

    /** The template's data directory, made on first use. */
    static Path ensure(PostgresBinaries binaries, ServerUser user) throws ClusterException {
        Path template = binaries.home().resolveSibling("template-" + binaries.home().getFileName() + "-"
                + ClusterHome.keyOf(Path.of(String.join(" ", INITDB_OPTIONS))).substring(0, 8));
        if (Files.exists(template.resolve("PG_VERSION"))) {
            return template;
        }
        Path temp = null;
        Path pwFile = null;
        try {
            temp = Files.createTempDirectory(template.getParent(), ".template-");
            user.createPrivateDir(temp);
            pwFile = Files.createTempFile(template.getParent(), ".template-pw-", "");
            user.writePrivateFile(pwFile, PgCluster.randomSecret() + "\n");
            List<String> command = new ArrayList<>(List.of(binaries.bin("initdb").toString(), "-D", temp.toString(),
                    "--pwfile=" + pwFile));
            command.addAll(INITDB_OPTIONS);
            ServerCommand.Result r = ServerCommand.run(user, command, TIMEOUT);
            if (!r.ok()) {
                throw new ClusterException("initdb failed in " + temp + ":\n" + r.output());
            }
            try {
                Files.move(temp, template, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            } catch (AtomicMoveNotSupportedException e) {
                throw new ClusterException("cannot rename within " + template.getParent() + " atomically", e);
            } catch (FileSystemException e) {
                // another process renamed its template first (ENOTEMPTY); it is complete, checked below
            }
            if (!Files.exists(template.resolve("PG_VERSION"))) {
                throw new ClusterException(template + " exists but is no data directory; delete it and retry");
            }
            return template;
        } catch (IOException e) {
            throw new ClusterException("cannot make the cluster template " + template + ": " + e, e);
        } finally {
            if (temp != null) {
                PostgresBinaries.deleteQuietly(temp);
            }
            if (pwFile != null) {
                PostgresBinaries.deleteQuietly(pwFile);
            }
        }
    }
}
