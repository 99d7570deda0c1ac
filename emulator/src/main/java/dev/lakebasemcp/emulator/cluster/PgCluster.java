package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL 17 cluster of Lakebase Local: a data directory and, while running, a {@code postgres}
 * process listening on 127.0.0.1 with TLS on, scram-sha-256 for TCP, and plain TCP refused.
 *
 * <p>Processes run as an unprivileged OS user when the JVM runs as root ({@code nobody}, see
 * {@code ServerUser}); data and archive directories must then be reachable by that user: put them under
 * {@link ClusterHome#forDataDir(Path)}. Every file written here is owned by that user.
 *
 * <p>A started postgres outlives a killed JVM (pg_ctl detaches it). {@link #open} stops such a leftover,
 * and a JVM shutdown hook stops every cluster this JVM started, so neither a normal exit nor a kill -9 and
 * restart leaves one running. {@link #stopAll()} does the same on demand.
 *
 * <p>A data directory is complete once {@code lakebase-cluster.properties} is in it (written last by
 * {@link #create}, {@link #branchTo} and {@link #standbyTo}); {@link #open} refuses one without it, and
 * {@link #discard} removes such a half-done directory after a crash.
 *
 * <p>Besides the contract: {@link #jdbcUrl}, {@link #execute}, {@link #createRole},
 * {@link #setRolePassword} (credentials with VALID UNTIL), {@link #createDatabase},
 * {@link #replaceWithCopyOf} (branch reset), {@link #isStandby}, {@link #archiveDir}, {@link #stopAll}.
 * Methods are thread-safe; lifecycle calls on one cluster are serialized.
 */
public final class PgCluster implements AutoCloseable {

    /** The superuser's name in every cluster. */
    public static final String SUPERUSER = "postgres";
    /** The role a standby streams as; created on the primary by the first {@link #standbyTo}. */
    public static final String REPLICATION_ROLE = "lakebase_replication";

    static final String LOG_FILE = "server.log";
    private static final String REPLICATION_SECRET_FILE = "lakebase-replication.secret";
    private static final long LOG_ROTATE_BYTES = 10L << 20;
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROMOTE_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger LOG = LoggerFactory.getLogger(PgCluster.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Clusters this JVM started and has not stopped. Static because the JVM shutdown hook is: it is the one
     * place that can stop them on a normal exit whatever the caller forgot.
     */
    private static final Set<PgCluster> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PgCluster::stopAll, "lakebase-local-stop-clusters"));
    }

    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final Path dataDir;
    private final ClusterInfo info;
    private final String superuserPassword;
    private final Path socketDir;
    private volatile int port;
    /** The postmaster this object started, to stop it even if its data directory was deleted under it. */
    private volatile long startedPid;

    private PgCluster(PostgresBinaries binaries, ServerUser user, Path dataDir, ClusterInfo info,
            String superuserPassword) {
        this.binaries = binaries;
        this.user = user;
        this.dataDir = dataDir;
        this.info = info;
        this.superuserPassword = superuserPassword;
        // short and private: a socket path must stay under ~107 bytes, data directories may be long
        this.socketDir = Path.of("/tmp", "lakebase-" + ClusterHome.keyOf(dataDir));
    }

    /**
     * A new cluster in {@code dataDir} (which must not exist or be empty): a copy of the cached initdb
     * template (see ClusterTemplate), superuser {@code postgres} with {@code superuserPassword}, TLS
     * certificate, pg_hba (hostssl scram only), wal_level=replica, WAL archiving into {@code archiveDir}
     * with basic_archive. Returns the cluster stopped; on failure {@code dataDir} is removed.
     */
    public static PgCluster create(PostgresBinaries binaries, Path dataDir, Path archiveDir,
            String superuserPassword) throws ClusterException {
        Objects.requireNonNull(binaries, "binaries");
        requirePassword(superuserPassword);
        Path data = absolute(dataDir);
        Path archive = absolute(archiveDir);
        ServerUser user = ServerUser.current();
        prepareEmptyDir(data, user);
        try {
            prepareArchiveDir(archive, user);
            DataDirCopy.copyAll(ClusterTemplate.ensure(binaries, user), data, user);
            BackgroundSync.submit(data);
            setSuperuserPasswordOffline(binaries, user, data, superuserPassword);
            TlsFiles.write(data, user);
            user.writePrivateFile(data.resolve("pg_hba.conf"), ServerConfig.HBA);
            user.writePrivateFile(data.resolve(ServerConfig.FILE), ServerConfig.primary(archive));
            ServerConfig.includeFromPostgresqlConf(data);
            ClusterInfo info = new ClusterInfo(ClusterInfo.Kind.PRIMARY, archive);
            info.write(data, user);
            return new PgCluster(binaries, user, data, info, superuserPassword);
        } catch (IOException | ClusterException | RuntimeException e) {
            deleteTree(data);
            throw e instanceof ClusterException ce ? ce
                    : new ClusterException("cannot create a cluster in " + data + ": " + e, e);
        }
    }

    /**
     * Sets the superuser password of a stopped cluster in single-user mode (about 0.15 s). The statement
     * carries the scram-sha-256 verifier computed here, never the password itself.
     */
    private static void setSuperuserPasswordOffline(PostgresBinaries binaries, ServerUser user, Path data,
            String password) throws ClusterException {
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        ServerCommand.Result r = ServerCommand.run(user, List.of(binaries.bin("postgres").toString(), "--single",
                "-D", data.toString(), "-c", "shared_buffers=16MB", "-c", "log_checkpoints=off", "postgres"),
                "ALTER ROLE " + SUPERUSER + " PASSWORD '" + verifier + "';\n", PG_CTL_TIMEOUT);
        if (!r.ok() || r.output().contains("ERROR")) {
            throw new ClusterException("cannot set the superuser password in " + data + ":\n" + r.output());
        }
    }

    /**
     * An existing data directory (after a restart of the emulator). If a postmaster from an earlier
     * process is still running on it, it is stopped first, so nothing is orphaned. {@code archiveDir} must
     * be the one it was created with; it is ignored for a standby (which has none).
     */
    public static PgCluster open(PostgresBinaries binaries, Path dataDir, Path archiveDir,
            String superuserPassword) throws ClusterException {
        Objects.requireNonNull(binaries, "binaries");
        requirePassword(superuserPassword);
        Path data = absolute(dataDir);
        ClusterInfo info;
        try {
            info = ClusterInfo.read(data).orElseThrow(() -> new ClusterException(data
                    + " is not a complete Lakebase Local cluster (no " + ClusterInfo.FILE + "); discard it"));
        } catch (IOException e) {
            throw new ClusterException("cannot read " + data.resolve(ClusterInfo.FILE) + ": " + e, e);
        }
        if (info.kind() == ClusterInfo.Kind.PRIMARY && archiveDir != null
                && !info.archiveDir().equals(absolute(archiveDir))) {
            throw new ClusterException("archiveDir must be " + info.archiveDir() + " for " + data + ", got "
                    + absolute(archiveDir));
        }
        PgCluster cluster = new PgCluster(binaries, ServerUser.current(), data, info, superuserPassword);
        cluster.stopLeftover();
        return cluster;
    }

    /**
     * Whether {@code dataDir} holds a complete cluster that {@link #open} accepts: false for an absent
     * directory and for one a crash left half-made (to {@link #discard}).
     */
    public static boolean isComplete(Path dataDir) {
        try {
            return ClusterInfo.read(absolute(dataDir)).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops any postgres running on {@code dataDir} and deletes it and {@code archiveDir} (either may be
     * null or absent): for a half-done create or branch found after a crash, which {@link #open} refuses.
     */
    public static void discard(PostgresBinaries binaries, Path dataDir, Path archiveDir) throws ClusterException {
        Path data = absolute(dataDir);
        if (Files.isDirectory(data)) {
            ClusterInfo none = new ClusterInfo(ClusterInfo.Kind.STANDBY, null);
            new PgCluster(binaries, ServerUser.current(), data, none, "unused").stopLeftover();
        }
        deleteTree(data);
        if (archiveDir != null) {
            deleteTree(absolute(archiveDir));
        }
    }

    /**
     * Starts postgres on 127.0.0.1:{@code port} (0: a free port) and waits until it accepts connections;
     * a fresh branch is also waited for until it has promoted and accepts writes. No-op when already
     * running on that port (or with port 0).
     */
    public synchronized void start(int port) throws ClusterException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (isRunning()) {
            if (port == 0 || port == this.port) {
                return;
            }
            throw new ClusterException(dataDir + " is already running on port " + this.port + ", not " + port);
        }
        boolean promoting = Files.exists(dataDir.resolve("recovery.signal"));
        boolean firstStart;
        try {
            firstStart = Files.readString(dataDir.resolve(ServerConfig.FILE), StandardCharsets.UTF_8)
                    .contains(ServerConfig.FIRST_START);
        } catch (IOException e) {
            throw new ClusterException("cannot read " + dataDir.resolve(ServerConfig.FILE) + ": " + e, e);
        }
        if (!firstStart) {
            settle();
        }
        try {
            user.createPrivateDir(socketDir);
            rotateLog();
        } catch (IOException e) {
            throw new ClusterException("cannot prepare " + socketDir + " or the log of " + dataDir + ": " + e, e);
        }
        int attempts = port == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? freePort() : port;
            long launched = System.currentTimeMillis() / 1000;
            ServerCommand.Result r = pgCtlUntil(() -> Postmaster.ready(dataDir, chosen, launched),
                    "-l", dataDir.resolve(LOG_FILE).toString(), "-w",
                    "-o", "-p " + chosen + " -c unix_socket_directories=" + socketDir, "start");
            if (r.ok()) {
                this.port = chosen;
                this.startedPid = livePostmaster().orElse(0);
                STARTED.add(this);
                break;
            }
            String log = ServerCommand.tail(dataDir.resolve(LOG_FILE), 20);
            if (attempt < attempts && log.contains("Address already in use")) {
                continue; // another process took the free port between our probe and the bind
            }
            throw new ClusterException("postgres did not start on port " + chosen + " in " + dataDir + ":\n"
                    + r.output() + "\n--- " + LOG_FILE + " ---\n" + log);
        }
        if (promoting) {
            awaitPromotion();
        }
        if (firstStart) {
            BackgroundSync.submit(dataDir);
            settle();
            try (Connection c = connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            } catch (SQLException e) {
                throw new ClusterException("cannot reload the configuration of " + dataDir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * After the first start of a copy: fsync back on, and a promoted branch's lakebase.conf becomes a plain
     * primary's (no recovery settings). Also run before every start, so a JVM killed between the first
     * start and this rewrite is healed; a branch not yet promoted keeps its recovery settings.
     */
    private void settle() throws ClusterException {
        Path conf = dataDir.resolve(ServerConfig.FILE);
        try {
            String current = Files.readString(conf, StandardCharsets.UTF_8);
            String wanted;
            if (isStandby()) {
                wanted = current.replace(ServerConfig.FIRST_START, "");
            } else if (!Files.exists(dataDir.resolve("recovery.signal"))) {
                wanted = ServerConfig.primary(info.archiveDir());
            } else {
                return;
            }
            if (!wanted.equals(current)) {
                user.writePrivateFile(conf, wanted);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot rewrite " + conf + ": " + e, e);
        }
    }

    /** Fast shutdown; no-op when not running. */
    public synchronized void stop() throws ClusterException {
        STARTED.remove(this);
        if (livePostmaster().isEmpty()) {
            stopOrphanedPostmaster();
            return;
        }
        long pid = livePostmaster().orElse(0);
        // Done when that postmaster is gone (it removes postmaster.pid before it exits): pg_ctl would see it
        // only at its next 100 ms poll.
        ServerCommand.Result r = pgCtlUntil(() -> pid > 0 && !Postmaster.isPostgres(pid), "-m", "fast", "-w", "stop");
        if (!r.ok() && livePostmaster().isPresent()) {
            throw new ClusterException("pg_ctl stop failed for " + dataDir + ":\n" + r.output() + "\n--- "
                    + LOG_FILE + " ---\n" + ServerCommand.tail(dataDir.resolve(LOG_FILE), 20));
        }
        try {
            Files.deleteIfExists(socketDir); // empty once postgres is down; start() makes it again
        } catch (IOException e) {
            // not empty (a socket of a postgres we do not know about): leave it
        }
    }

    public boolean isRunning() {
        return livePostmaster().isPresent();
    }

    /** The port it listens on while running, else the last one it was started on (0 before any start). */
    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Where this cluster archives its WAL; null for a standby, which archives nothing. */
    public Path archiveDir() {
        return info.archiveDir();
    }

    /** Whether this is a read-only hot standby made by {@link #standbyTo}. */
    public boolean isStandby() {
        return info.kind() == ClusterInfo.Kind.STANDBY;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>?sslmode=require}; user and password not included. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?sslmode=require";
    }

    /** A superuser JDBC connection (TLS, scram) to {@code database} on this running cluster. */
    public Connection connectAsSuperuser(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", superuserPassword);
        props.setProperty("sslmode", "require");
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "lakebase-local");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }

    /** Runs {@code sql} (one or more statements, no results) as the superuser on {@code database}. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection c = connectAsSuperuser(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Creates a LOGIN role without password (so it cannot log in over TCP yet) unless it exists. */
    public void createRole(String role) throws SQLException {
        try (Connection c = connectAsSuperuser("postgres");
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, role);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + quoteIdent(role) + " LOGIN");
            }
        }
    }

    /**
     * Sets {@code role}'s password to {@code secret}, valid until {@code validUntil} (null: forever). The
     * scram-sha-256 verifier is computed by pgjdbc in the JVM, so the secret never appears in SQL text or a
     * server log. After {@code validUntil} PostgreSQL refuses the password over TCP ("password
     * authentication failed"); this is how a database credential expires.
     */
    public void setRolePassword(String role, String secret, Instant validUntil) throws SQLException {
        Objects.requireNonNull(secret, "secret");
        try (Connection c = connectAsSuperuser("postgres")) {
            c.setAutoCommit(false);
            c.unwrap(PGConnection.class).alterUserPassword(role, secret.toCharArray(), "scram-sha-256");
            try (Statement s = c.createStatement()) {
                String until = validUntil == null ? "infinity" : validUntil.toString();
                s.execute("ALTER ROLE " + quoteIdent(role) + " VALID UNTIL " + quoteLiteral(until));
            }
            c.commit();
        }
    }

    /** Creates {@code database} owned by {@code owner} unless it exists. */
    public void createDatabase(String database, String owner) throws SQLException {
        try (Connection c = connectAsSuperuser("postgres");
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + quoteIdent(database) + " OWNER " + quoteIdent(owner));
            }
        }
    }

    /**
     * An online, consistent copy of this running cluster into {@code newDataDir} (pg_backup_start, file
     * copy, pg_backup_stop, WAL from the archive), the parent serving all along. The copy has its own
     * archive directory and is promoted to a writable cluster on its first start. Returned stopped.
     * Roles, passwords and the certificate are the parent's.
     */
    public PgCluster branchTo(Path newDataDir, Path newArchiveDir) throws ClusterException {
        requirePrimary("branchTo");
        Path data = absolute(newDataDir);
        Path archive = absolute(newArchiveDir);
        prepareEmptyDir(data, user);
        try {
            prepareArchiveDir(archive, user);
            backupInto(data);
            user.writePrivateFile(data.resolve(ServerConfig.FILE), ServerConfig.branch(archive, info.archiveDir()));
            user.writePrivateFile(data.resolve("recovery.signal"), "");
            ClusterInfo copyInfo = new ClusterInfo(ClusterInfo.Kind.PRIMARY, archive);
            copyInfo.write(data, user);
            return new PgCluster(binaries, user, data, copyInfo, superuserPassword);
        } catch (IOException | ClusterException | RuntimeException e) {
            deleteTree(data);
            ClusterException failure = e instanceof ClusterException ce ? ce
                    : new ClusterException("cannot branch " + dataDir + " into " + data + ": " + e, e);
            throw failure;
        }
    }

    /**
     * Branch reset: replaces this cluster's data with a fresh online copy of {@code parent} (which must be
     * running), keeping this cluster's data directory, archive directory (emptied: the old timeline's
     * files would clash with the new copy's) and, if it was running, its port. The copy is made beside it
     * while this cluster still serves; then it is stopped and the directories are swapped by rename, so a
     * failed copy leaves it as it was. A kill -9 within the swap leaves the data directory absent: the old
     * one is at {@code <data>.reset-old}, the new one at {@code <data>.reset-new}. Standbys of this cluster
     * cannot follow the new copy (another timeline): make them again. The superuser password becomes the
     * parent's, which it already was for any branch of it.
     */
    public synchronized void replaceWithCopyOf(PgCluster parent) throws ClusterException {
        requirePrimary("replaceWithCopyOf");
        if (parent == this || parent.dataDir.equals(dataDir)) {
            throw new IllegalArgumentException("a cluster cannot be replaced with a copy of itself");
        }
        if (!parent.superuserPassword.equals(superuserPassword)) {
            throw new ClusterException("replaceWithCopyOf needs the parent's superuser password on " + dataDir);
        }
        Path archive = info.archiveDir();
        Path newData = sibling(dataDir, ".reset-new");
        Path newArchive = sibling(archive, ".reset-new");
        Path oldData = sibling(dataDir, ".reset-old");
        Path oldArchive = sibling(archive, ".reset-old");
        for (Path leftover : List.of(newData, newArchive, oldData, oldArchive)) {
            deleteTree(leftover);
        }
        parent.branchTo(newData, newArchive);
        boolean wasRunning = isRunning();
        int oldPort = port;
        stop();
        try {
            Files.move(dataDir, oldData, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(archive, oldArchive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(newData, dataDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(newArchive, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            // the copy was made for the temporary archive path: point it at the real one
            user.writePrivateFile(dataDir.resolve(ServerConfig.FILE), ServerConfig.branch(archive, parent.archiveDir()));
            info.write(dataDir, user);
        } catch (IOException e) {
            throw new ClusterException("cannot swap the reset copy into " + dataDir + ": " + e, e);
        }
        deleteTree(oldData);
        deleteTree(oldArchive);
        if (wasRunning) {
            start(oldPort);
        }
    }

    private static Path sibling(Path dir, String suffix) {
        return dir.resolveSibling(dir.getFileName() + suffix);
    }

    /**
     * A hot standby of this running cluster in {@code newDataDir}, fed by streaming replication over TLS:
     * reads work, writes are refused by PostgreSQL itself. Returned stopped; start it like any cluster.
     * It streams from this cluster's current port as {@link #REPLICATION_ROLE}, and catches up from this
     * cluster's archive when it falls behind.
     */
    public PgCluster standbyTo(Path newDataDir) throws ClusterException {
        requirePrimary("standbyTo");
        Path data = absolute(newDataDir);
        String secret = replicationSecret();
        prepareEmptyDir(data, user);
        try {
            backupInto(data);
            String conninfo = "host=127.0.0.1 port=" + port + " user=" + REPLICATION_ROLE + " password=" + secret
                    + " sslmode=require application_name=standby_" + ClusterHome.keyOf(data);
            user.writePrivateFile(data.resolve(ServerConfig.FILE), ServerConfig.standby(conninfo, info.archiveDir()));
            user.writePrivateFile(data.resolve("standby.signal"), "");
            ClusterInfo copyInfo = new ClusterInfo(ClusterInfo.Kind.STANDBY, null);
            copyInfo.write(data, user);
            return new PgCluster(binaries, user, data, copyInfo, superuserPassword);
        } catch (IOException | ClusterException | RuntimeException e) {
            deleteTree(data);
            throw e instanceof ClusterException ce ? ce
                    : new ClusterException("cannot make a standby of " + dataDir + " in " + data + ": " + e, e);
        }
    }

    /** Bytes on disk under the data directory (what a branch of it would copy, plus pg_wal). */
    public long sizeBytes() throws ClusterException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException e) {
                    return 0; // vanished while we walked
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            throw new ClusterException("cannot measure " + dataDir + ": " + e, e);
        }
    }

    /** Stops the cluster and deletes its data directory and archive directory. */
    public synchronized void destroy() throws ClusterException {
        stop();
        deleteTree(dataDir);
        if (info.archiveDir() != null) {
            deleteTree(info.archiveDir());
        }
        deleteTree(socketDir);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() throws ClusterException {
        stop();
    }

    /** Stops every cluster this JVM started and has not stopped yet, in parallel; failures are logged. */
    public static void stopAll() {
        List<PgCluster> all = new ArrayList<>(STARTED);
        all.parallelStream().forEach(c -> {
            try {
                c.stop();
            } catch (ClusterException | RuntimeException e) {
                LOG.warn("could not stop {}", c.dataDir, e);
            }
        });
    }

    @Override
    public String toString() {
        return "PgCluster[" + dataDir + (isStandby() ? ", standby" : "") + ", port " + port + "]";
    }

    // ---- online copy ----

    private void backupInto(Path data) throws ClusterException, IOException {
        if (!isRunning()) {
            throw new ClusterException(dataDir + " must be running to be copied online");
        }
        try (Connection session = connectAsSuperuser("postgres")) {
            OnlineBackup.take(session, dataDir, info.archiveDir(), data, user);
        } catch (SQLException e) {
            throw new ClusterException("online copy of " + dataDir + " failed: " + e.getMessage(), e);
        }
    }

    private void awaitPromotion() throws ClusterException {
        long deadline = System.nanoTime() + PROMOTE_TIMEOUT.toNanos();
        while (true) {
            try (Connection c = connectAsSuperuser("postgres"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !isRunning()) {
                    throw new ClusterException("branch " + dataDir + " did not promote: " + e.getMessage() + "\n--- "
                            + LOG_FILE + " ---\n" + ServerCommand.tail(dataDir.resolve(LOG_FILE), 20), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("branch " + dataDir + " still in recovery after " + PROMOTE_TIMEOUT
                        + "\n--- " + LOG_FILE + " ---\n" + ServerCommand.tail(dataDir.resolve(LOG_FILE), 20));
            }
            sleep(10);
        }
    }

    /** The replication role's password, creating the role (and the secret file) on first use. */
    private synchronized String replicationSecret() throws ClusterException {
        Path file = dataDir.resolve(REPLICATION_SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String secret = randomSecret();
            try (Connection c = connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + REPLICATION_ROLE
                        + "') THEN CREATE ROLE " + REPLICATION_ROLE + " LOGIN REPLICATION; END IF; END $$");
            }
            setRolePassword(REPLICATION_ROLE, secret, null);
            user.writePrivateFile(file, secret + "\n");
            return secret;
        } catch (IOException | SQLException e) {
            throw new ClusterException("cannot prepare the replication role on " + dataDir + ": " + e, e);
        }
    }

    // ---- processes ----

    private ServerCommand.Result pgCtl(String... args) throws ClusterException {
        return pgCtlUntil(null, args);
    }

    /**
     * {@link #pgCtl}, returning as soon as {@code done} holds (pg_ctl finishes in the background); a null
     * {@code done} waits for pg_ctl itself.
     */
    private ServerCommand.Result pgCtlUntil(java.util.function.BooleanSupplier done, String... args)
            throws ClusterException {
        List<String> command = new ArrayList<>(List.of(binaries.bin("pg_ctl").toString(), "-D", dataDir.toString(),
                "-s", "-t", String.valueOf(PG_CTL_TIMEOUT.toSeconds())));
        command.addAll(List.of(args));
        return ServerCommand.run(user, command, PG_CTL_TIMEOUT.plusSeconds(10), done);
    }

    private OptionalLong livePostmaster() {
        return Postmaster.live(dataDir);
    }

    /** Stops a postmaster left running by an earlier process (a killed JVM); fast, then immediate. */
    private void stopLeftover() throws ClusterException {
        OptionalLong pid = livePostmaster();
        if (pid.isEmpty()) {
            return;
        }
        LOG.info("stopping postgres (pid {}) left running on {} by an earlier process", pid.getAsLong(), dataDir);
        ServerCommand.Result r = pgCtl("-m", "fast", "-w", "stop");
        if (!r.ok() && livePostmaster().isPresent()) {
            r = pgCtl("-m", "immediate", "-w", "stop");
            if (!r.ok() && livePostmaster().isPresent()) {
                throw new ClusterException("cannot stop the leftover postgres on " + dataDir + ": " + r.output());
            }
        }
    }

    /** The postmaster this object started, if its data directory was deleted under it (no pid file). */
    private void stopOrphanedPostmaster() throws ClusterException {
        long pid = startedPid;
        startedPid = 0;
        if (pid != 0) {
            Postmaster.interruptAndWait(pid, Duration.ofSeconds(30));
        }
    }

    private void rotateLog() throws IOException {
        Path log = dataDir.resolve(LOG_FILE);
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, dataDir.resolve(LOG_FILE + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---- helpers ----

    private void requirePrimary(String operation) throws ClusterException {
        if (isStandby()) {
            throw new ClusterException(operation + " needs a primary; " + dataDir + " is a standby");
        }
    }

    private static void requirePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("superuserPassword is required");
        }
    }

    private static Path absolute(Path path) {
        return Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    /** Creates {@code dir} (0700, the server user's) or checks it is empty; its parent must be reachable. */
    private static void prepareEmptyDir(Path dir, ServerUser user) throws ClusterException {
        ClusterHome.checkReachable(dir);
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new ClusterException(dir + " must be empty or absent");
                    }
                }
            }
            user.createPrivateDir(dir);
        } catch (IOException e) {
            throw new ClusterException("cannot create " + dir + ": " + e, e);
        }
    }

    private static void prepareArchiveDir(Path dir, ServerUser user) throws ClusterException, IOException {
        ClusterHome.checkReachable(dir);
        user.createPrivateDir(dir);
    }

    /**
     * Deletes {@code root} and everything under it; null or absent is fine. Retried a few times because a
     * process still writing there (a postgres shutting down) can add or remove files during the walk.
     */
    static void deleteTree(Path root) throws ClusterException {
        for (int attempt = 1; ; attempt++) {
            if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    throw new ClusterException("cannot delete " + root + ": " + e, e);
                }
                sleep(50);
            }
        }
    }

    private static int freePort() throws ClusterException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ClusterException("no free port on 127.0.0.1: " + e, e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void sleep(long millis) throws ClusterException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted", e);
        }
    }
}
