package dev.lakebasemcp.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real cluster, created once: TLS, scram, hba, roles and expiring passwords. */
class PgClusterTest {

    private static Path base;
    private static PgCluster cluster;

    @BeforeAll
    static void createAndStart() throws Exception {
        base = TestClusters.newBase("pgcluster-test");
        cluster = PgCluster.create(TestClusters.binaries(), base.resolve("data"), base.resolve("archive"), "su-secret");
        assertFalse(cluster.isRunning());
        cluster.start(0);
    }

    @AfterAll
    static void destroy() throws Exception {
        if (cluster != null) {
            cluster.destroy();
        }
        TestClusters.deleteBase(base);
    }

    @Test
    void startsAndAcceptsSuperuserOverTls() throws Exception {
        assertTrue(cluster.isRunning());
        assertTrue(cluster.port() > 0);
        try (Connection c = cluster.connectAsSuperuser("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            assertTrue(rs.getBoolean(1));
            assertTrue(rs.getString(2).startsWith("TLSv1."), rs.getString(2));
            assertEquals(170000, TestClusters.scalar(c, "SELECT current_setting('server_version_num')::int") / 100 * 100);
        }
    }

    @Test
    void startReturnsOnceTheServerIsReadyAndAStalePidFileNeverCountsAsReady() throws Exception {
        Path data = base.resolve("data");
        long now = Instant.now().getEpochSecond();
        // start(0) returned: the server it started is ready, which the early return relies on ...
        assertTrue(Postmaster.ready(data, cluster.port(), now - 3600));
        // ... but the same file read as another start's (a later one, or one on another port) is not
        assertFalse(Postmaster.ready(data, cluster.port(), now + 3600), "a pid file older than the start");
        assertFalse(Postmaster.ready(data, cluster.port() + 1, now - 3600), "a pid file for another port");
        // a copy of the file whose postmaster is gone: the pid is no live postgres
        Path stale = base.resolve("stale");
        Files.createDirectories(stale);
        java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(data.resolve("postmaster.pid")));
        String livePid = lines.get(0);
        lines.set(0, String.valueOf(Integer.MAX_VALUE - 1));
        Files.write(stale.resolve("postmaster.pid"), lines);
        assertFalse(Postmaster.ready(stale, cluster.port(), now - 3600), "a pid file whose process is gone");
        lines.set(0, livePid);
        lines.set(7, "starting");
        Files.write(stale.resolve("postmaster.pid"), lines);
        assertFalse(Postmaster.ready(stale, cluster.port(), now - 3600), "a server still starting");
        lines.set(7, "ready   ");
        Files.write(stale.resolve("postmaster.pid"), lines);
        assertTrue(Postmaster.ready(stale, cluster.port(), now - 3600), "the same file, ready: the check above is real");
    }

    @Test
    void refusesPlainTcp() {
        SQLException e = assertThrows(SQLException.class, () -> connect("postgres", "su-secret", "disable"));
        assertTrue(e.getMessage().contains("no encryption"), e.getMessage());
    }

    @Test
    void refusesWrongPassword() {
        SQLException e = assertThrows(SQLException.class, () -> connect("postgres", "wrong", "require"));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    }

    @Test
    void storesScramVerifiersAndArchivesWal() throws Exception {
        try (Connection c = cluster.connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("SCRAM-SHA-256$"));
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
                rs.next();
                Path archived = cluster.archiveDir().resolve(rs.getString(1));
                long deadline = System.currentTimeMillis() + 10_000;
                while (!Files.exists(archived) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(Files.exists(archived), archived + " archived");
            }
        }
    }

    @Test
    void passwordWithValidUntilConnectsUntilItExpires() throws Exception {
        cluster.createRole("app_user");
        cluster.createRole("app_user"); // idempotent
        cluster.createDatabase("appdb", "app_user");
        cluster.setRolePassword("app_user", "fresh-token", Instant.now().plusSeconds(3600));
        try (Connection c = connect("app_user", "fresh-token", "require")) {
            assertEquals("app_user", scalarString(c, "SELECT current_user"));
        }
        cluster.setRolePassword("app_user", "old-token", Instant.now().minusSeconds(1));
        SQLException e = assertThrows(SQLException.class, () -> connect("app_user", "old-token", "require"));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        cluster.setRolePassword("app_user", "new-token", null);
        try (Connection c = connect("app_user", "new-token", "require")) {
            assertEquals("infinity", scalarString(cluster.connectAsSuperuser("postgres"),
                    "SELECT rolvaliduntil::text FROM pg_roles WHERE rolname = 'app_user'"));
        }
    }

    @Test
    void passwordExpiresWhileWaiting() throws Exception {
        cluster.createRole("short_lived");
        cluster.setRolePassword("short_lived", "tok", Instant.now().plusMillis(1500));
        connect("short_lived", "tok", "require").close();
        Thread.sleep(1600);
        assertThrows(SQLException.class, () -> connect("short_lived", "tok", "require"));
    }

    @Test
    void startOnTheSamePortIsANoOpAndOtherPortRefused() throws Exception {
        int port = cluster.port();
        cluster.start(port);
        cluster.start(0);
        assertEquals(port, cluster.port());
        assertThrows(ClusterException.class, () -> cluster.start(port == 65000 ? 65001 : 65000));
    }

    private static Connection connect(String user, String password, String sslmode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", sslmode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/postgres", p);
    }

    private static String scalarString(Connection c, String sql) throws SQLException {
        try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
