package dev.lakebasemcp.emulator.cluster;

import static dev.lakebasemcp.emulator.cluster.TestClusters.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A hot standby streams the primary's changes over TLS and refuses writes whatever the client sets. */
class StandbyTest {

    private static Path base;
    private static PgCluster primary;
    private static PgCluster standby;

    @BeforeAll
    static void createPrimaryAndStandby() throws Exception {
        base = TestClusters.newBase("standby-test");
        primary = PgCluster.create(TestClusters.binaries(), base.resolve("primary"), base.resolve("archive"), "pw");
        primary.start(0);
        primary.execute("postgres", "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
        primary.createRole("reader");
        primary.execute("postgres", "GRANT SELECT ON t TO reader");
        primary.setRolePassword("reader", "reader-pw", Instant.now().plusSeconds(3600));
        standby = primary.standbyTo(base.resolve("standby"));
        assertTrue(standby.isStandby());
        standby.start(0);
    }

    @AfterAll
    static void destroy() throws Exception {
        if (standby != null) {
            standby.destroy();
        }
        if (primary != null) {
            primary.destroy();
        }
        TestClusters.deleteBase(base);
    }

    @Test
    void streamsCommittedChangesOverTls() throws Exception {
        try (Connection c = standby.connectAsSuperuser("postgres")) {
            assertEquals(1, scalar(c, "SELECT pg_is_in_recovery()::int"));
            assertEquals(1, scalar(c, "SELECT (current_setting('fsync') = 'on')::int"), "fsync back on");
            assertEquals(2, scalar(c, "SELECT count(*) FROM t"));
        }
        primary.execute("postgres", "INSERT INTO t VALUES (3)");
        long deadline = System.currentTimeMillis() + 10_000;
        long seen = 0;
        while (System.currentTimeMillis() < deadline && seen != 3) {
            try (Connection c = standby.connectAsSuperuser("postgres")) {
                seen = scalar(c, "SELECT count(*) FROM t");
            }
            Thread.sleep(20);
        }
        assertEquals(3, seen);
        try (Connection c = primary.connectAsSuperuser("postgres")) {
            assertEquals(1, scalar(c, "SELECT count(*) FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid)"
                    + " WHERE r.state = 'streaming' AND s.ssl"));
        }
    }

    @Test
    void refusesWritesWhateverTheSessionSets() throws Exception {
        for (Connection c : new Connection[] {standby.connectAsSuperuser("postgres"), connect("reader", "reader-pw")}) {
            try (c; Statement s = c.createStatement()) {
                assertRefused(s, "INSERT INTO t VALUES (100)");
                s.execute("SET default_transaction_read_only = off");
                assertRefused(s, "INSERT INTO t VALUES (101)");
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
                assertRefused(s, "INSERT INTO t VALUES (102)");
                assertRefused(s, "BEGIN READ WRITE");
                assertRefused(s, "CREATE TEMP TABLE tmp (x int)");
            }
        }
        try (Connection c = connect("reader", "reader-pw"); Statement s = c.createStatement()) {
            assertEquals(2, scalar(c, "SELECT count(*) FROM t WHERE id <= 2"));
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT pg_promote()"));
            assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        }
    }

    @Test
    void expiredPasswordIsRefusedOnTheStandbyToo() throws Exception {
        primary.createRole("expiring");
        primary.setRolePassword("expiring", "exp-pw", Instant.parse("2000-01-01T00:00:00Z"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = standby.connectAsSuperuser("postgres")) {
                if (scalar(c, "SELECT count(*) FROM pg_roles WHERE rolname = 'expiring'") == 1) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        SQLException e = assertThrows(SQLException.class, () -> connect("expiring", "exp-pw"));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    }

    private static void assertRefused(Statement s, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertTrue(e.getMessage().contains("read-only") || e.getMessage().contains("during recovery"),
                sql + ": " + e.getMessage());
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + standby.port() + "/postgres", p);
    }
}
