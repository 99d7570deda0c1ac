package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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

    private ClusterTemplate() {
    }

    /** The template's data directory, made on first use. */
    static Path ensure(PostgresBinaries binaries, ServerUser user) throws ClusterException {
        Path template = binaries.home().resolveSibling("template-" + binaries.home().getFileName());
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
            ServerCommand.Result r = ServerCommand.run(user, List.of(binaries.bin("initdb").toString(),
                    "-D", temp.toString(), "-U", PgCluster.SUPERUSER, "--pwfile=" + pwFile, "--auth-local=trust",
                    "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"), TIMEOUT);
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
