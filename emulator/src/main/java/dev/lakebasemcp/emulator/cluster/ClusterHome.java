package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where cluster data directories, archives and the unpacked binaries can live for a given emulator data
 * directory, so that the PostgreSQL server user can reach them.
 *
 * <p>When the JVM is not root, that is the emulator data directory itself. When it is root, postgres runs
 * as an unprivileged user (see {@code ServerUser}) that must traverse every ancestor of its data
 * directory; {@code /root} is 0700, so {@code /root/.lakebase-mcp/local} cannot work. Then:
 * <ul>
 *   <li>the emulator data directory itself if the server user can already traverse it and its ancestors;
 *   <li>else {@code /var/lib/lakebase-mcp/<16 hex of sha-256(absolute data dir)>}, created root-owned with
 *       mode 0711 (traversable, not listable), holding a {@code data-dir.txt} naming the data directory.
 *       {@code /var/lib} rather than {@code /var/tmp}: tmp cleaners delete old files there, and these are
 *       databases. Homes of temporary data directories (under /tmp) that no longer exist are deleted
 *       in the background after the first call in a JVM; {@link #deletePrivateHome} deletes one at once.
 * </ul>
 * No permission of anything this class did not create is changed.
 */
public final class ClusterHome {

    /** Root of the private homes used when the data directory is out of the server user's reach. */
    public static final Path PRIVATE_ROOT = Path.of("/var/lib/lakebase-mcp");

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHome.class);
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private ClusterHome() {
    }

    /**
     * A directory, existing on return, under which the caller may put cluster data directories and archive
     * directories (for example {@code home.resolve("clusters/br-x")}) for {@code emulatorDataDir}; the same
     * answer for the same data directory on every run.
     */
    public static Path forDataDir(Path emulatorDataDir) throws ClusterException {
        Path dataDir = emulatorDataDir.toAbsolutePath().normalize();
        ServerUser user = ServerUser.current();
        try {
            if (!user.switchFromRoot() || user.canReach(dataDir)) {
                Files.createDirectories(dataDir);
                return dataDir;
            }
            // the data directory exists while its home does: sweepOrphans() keys on that
            Files.createDirectories(dataDir);
            Path home = PRIVATE_ROOT.resolve(keyOf(dataDir));
            createTraversable(PRIVATE_ROOT);
            createTraversable(home);
            startSweepOnce();
            Path note = home.resolve("data-dir.txt");
            if (!Files.exists(note)) {
                Files.writeString(note, dataDir + "\n", StandardCharsets.UTF_8);
            }
            return home;
        } catch (IOException e) {
            throw new ClusterException("cannot prepare the cluster home for " + dataDir + ": " + e, e);
        }
    }

    /**
     * Deletes the private home of {@code emulatorDataDir}, if it has one, with everything in it; for whoever
     * deletes an emulator data directory (tests with temporary ones). Stop its clusters first.
     */
    public static void deletePrivateHome(Path emulatorDataDir) throws ClusterException {
        PgCluster.deleteTree(PRIVATE_ROOT.resolve(keyOf(emulatorDataDir.toAbsolutePath().normalize())));
    }

    /**
     * Deletes private homes of temporary emulator data directories (under /tmp, /var/tmp or java.io.tmpdir)
     * that are gone, as every test run leaves them; otherwise their clusters would fill /var/lib for ever.
     * Other data directories are never swept: one on an unmounted disk looks gone too. Only homes whose
     * note is over a minute old, so a home being made right now is never taken.
     */
    static void sweepOrphans() {
        try (Stream<Path> homes = Files.list(PRIVATE_ROOT)) {
            for (Path home : (Iterable<Path>) homes::iterator) {
                Path note = home.resolve("data-dir.txt");
                if (!Files.isRegularFile(note)) {
                    continue;
                }
                Path dataDir = Path.of(Files.readString(note, StandardCharsets.UTF_8).strip());
                boolean old = Files.getLastModifiedTime(note).toInstant().isBefore(Instant.now().minusSeconds(60));
                if (old && isTemporary(dataDir) && !Files.exists(dataDir)) {
                    LOG.info("deleting {}: its emulator data directory {} is gone", home, dataDir);
                    PgCluster.deleteTree(home);
                }
            }
        } catch (IOException | ClusterException | RuntimeException e) {
            LOG.warn("could not sweep {}: {}", PRIVATE_ROOT, e.toString());
        }
    }

    /** Once per JVM, in the background: deleting an orphan's clusters can take seconds. */
    private static void startSweepOnce() {
        if (SWEPT.compareAndSet(false, true)) {
            Thread sweeper = new Thread(ClusterHome::sweepOrphans, "lakebase-local-sweep-homes");
            sweeper.setDaemon(true);
            sweeper.start();
        }
    }

    private static boolean isTemporary(Path dataDir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        return dataDir.startsWith("/tmp/") || dataDir.startsWith("/var/tmp/") || dataDir.startsWith(tmp);
    }

    /** Checks that the server user can reach {@code path}'s ancestors, with a message saying what to do. */
    static void checkReachable(Path path) throws ClusterException {
        try {
            ServerUser user = ServerUser.current();
            if (user.switchFromRoot() && !user.canReach(path.toAbsolutePath().normalize().getParent())) {
                throw new ClusterException(path + " is out of reach of the PostgreSQL server user " + user.name()
                        + " (an ancestor directory lacks o+x); put it under ClusterHome.forDataDir(...)");
            }
        } catch (IOException e) {
            throw new ClusterException("cannot check the permissions above " + path + ": " + e, e);
        }
    }

    private static void createTraversable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    static String keyOf(Path path) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(path.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is in every JDK", e);
        }
    }
}
