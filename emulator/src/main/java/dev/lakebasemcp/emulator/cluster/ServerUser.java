package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The OS user that runs initdb, pg_ctl and postgres, and owns every file a cluster reads or writes.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: error: cannot be run as root}). When the JVM is
 * root the server runs as {@code nobody} via {@code runuser -u nobody --}: it exists on every Debian,
 * Ubuntu and RHEL image and needs no change to {@code /etc/passwd}, which a dedicated user would. Set
 * the system property {@code lakebasemcp.postgres.user} to run as another existing user. When the JVM is
 * not root the server runs as the JVM's own user and nothing is chowned.
 */
record ServerUser(String name, int uid, int gid, boolean switchFromRoot) {

    static final String USER_PROPERTY = "lakebasemcp.postgres.user";
    static final Set<PosixFilePermission> DIR_PRIVATE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_PRIVATE = PosixFilePermissions.fromString("rw-------");

    private static volatile ServerUser current;

    /** The user for this JVM, resolved once. */
    static ServerUser current() throws ClusterException {
        ServerUser user = current;
        if (user == null) {
            synchronized (ServerUser.class) {
                if (current == null) {
                    current = resolve();
                }
                user = current;
            }
        }
        return user;
    }

    private static ServerUser resolve() throws ClusterException {
        // The JVM's own ids from /proc/self (owned by the process' effective ids), and a user's from
        // /etc/passwd: each `id` run costs a fork and an exec, 20-30 ms at start-up. `id` remains the fallback
        // (no /proc, or a user known only to NSS).
        int[] self = selfIds();
        int jvmUid = self != null ? self[0] : idOf(List.of("id", "-u"));
        if (jvmUid != 0) {
            return new ServerUser(System.getProperty("user.name"), jvmUid,
                    self != null ? self[1] : idOf(List.of("id", "-g")), false);
        }
        String name = System.getProperty(USER_PROPERTY, "nobody");
        int[] ids = passwdIds(Path.of("/etc/passwd"), name);
        int uid = ids != null ? ids[0] : idOf(List.of("id", "-u", name));
        if (uid == 0) {
            throw new ClusterException(USER_PROPERTY + " must name an unprivileged user, got " + name);
        }
        return new ServerUser(name, uid, ids != null ? ids[1] : idOf(List.of("id", "-g", name)), true);
    }

    /** {uid, gid} of this process, or null when /proc does not say. */
    private static int[] selfIds() {
        try {
            Path self = Path.of("/proc/self");
            return new int[] {(Integer) Files.getAttribute(self, "unix:uid"), (Integer) Files.getAttribute(self, "unix:gid")};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {uid, primary gid} of {@code name} in a passwd file, or null when it is not there. */
    static int[] passwdIds(Path passwd, String name) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(name)) {
                    return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or malformed: ask `id`
        }
        return null;
    }

    private static int idOf(List<String> command) throws ClusterException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ClusterException(String.join(" ", command) + " failed: " + out);
            }
            return Integer.parseInt(out);
        } catch (IOException | NumberFormatException e) {
            throw new ClusterException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** {@code command} prefixed so that it runs as this user. */
    List<String> command(List<String> command) {
        if (!switchFromRoot) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        all.addAll(command);
        return all;
    }

    /** Makes {@code path} (not following a symlink) owned by this user; nothing to do when not root. */
    void own(Path path) throws IOException {
        if (switchFromRoot) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Creates {@code dir} (and missing parents as the JVM user) and makes it this user's, mode 0700. */
    void createPrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, DIR_PRIVATE);
        own(dir);
    }

    /** Writes {@code text} to {@code file}, mode 0600, owned by this user. */
    void writePrivateFile(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, FILE_PRIVATE);
        own(file);
    }

    /**
     * Whether this user can traverse every existing ancestor of {@code path} (and {@code path} itself if it
     * exists): owner with x, or others with x. Group bits are ignored (conservative).
     */
    boolean canReach(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        for (Path at = p; at != null; at = at.getParent()) {
            if (!Files.exists(at)) {
                continue;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(at);
            int owner = (Integer) Files.getAttribute(at, "unix:uid");
            boolean ok = owner == uid ? perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    : perms.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
