package dev.lakebasemcp.emulator.cluster;

import static dev.lakebasemcp.emulator.cluster.TestClusters.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Online branches of a running parent: consistency under an open transaction, isolation, chains, reset. */
class BranchTest {

    private static Path base;
    private static PgCluster parent;

    @BeforeAll
    static void createParent() throws Exception {
        base = TestClusters.newBase("branch-test");
        parent = PgCluster.create(TestClusters.binaries(), base.resolve("parent"), base.resolve("parent-archive"), "pw");
        parent.start(0);
        parent.execute("postgres", """
                CREATE TABLE committed (id int PRIMARY KEY, pad text);
                INSERT INTO committed SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g;
                CREATE TABLE t_open (id int PRIMARY KEY, v text);
                INSERT INTO t_open VALUES (1, 'original'), (2, 'b'), (3, 'c');
                CREATE TABLE heartbeat (at timestamptz DEFAULT clock_timestamp());
                """);
    }

    @AfterAll
    static void destroy() throws Exception {
        if (parent != null) {
            parent.destroy();
        }
        TestClusters.deleteBase(base);
    }

    @Test
    void branchWithAnOpenTransactionOnTheParentSeesCommittedDataOnly() throws Exception {
        AtomicBoolean beating = new AtomicBoolean(true);
        AtomicInteger beats = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread heartbeat = new Thread(() -> {
            while (beating.get()) {
                try (Connection c = parent.connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO heartbeat DEFAULT VALUES");
                    beats.incrementAndGet();
                    Thread.sleep(20);
                } catch (SQLException e) {
                    failures.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        PgCluster branch;
        try (Connection open = parent.connectAsSuperuser("postgres")) {
            open.setAutoCommit(false);
            try (Statement s = open.createStatement()) {
                s.execute("INSERT INTO t_open VALUES (100, 'uncommitted'), (101, 'uncommitted')");
                s.execute("UPDATE t_open SET v = 'changed' WHERE id = 1");
                s.execute("CREATE TABLE t_uncommitted AS SELECT g FROM generate_series(1, 1000) g");
            }
            heartbeat.start();
            branch = parent.branchTo(base.resolve("b1"), base.resolve("b1-archive"));
            open.commit(); // committed on the parent after the branch point: must not reach the branch
        } finally {
            beating.set(false);
            heartbeat.join();
        }
        assertEquals(0, failures.get(), "parent kept serving");
        assertTrue(beats.get() > 0);
        assertFalse(branch.isRunning());
        assertOwnedByServerUser(branch.dataDir());
        branch.start(0);
        try {
            try (Connection c = branch.connectAsSuperuser("postgres")) {
                assertEquals(0, scalar(c, "SELECT pg_is_in_recovery()::int"));
                assertEquals(1, scalar(c, "SELECT (current_setting('fsync') = 'on')::int"), "fsync back on");
                assertEquals(0, scalar(c, "SELECT count(*) FROM pg_settings WHERE name = 'restore_command'"
                        + " AND setting <> ''"), "recovery settings gone once promoted");
                assertEquals(20000, scalar(c, "SELECT count(*) FROM committed"));
                assertEquals(3, scalar(c, "SELECT count(*) FROM t_open"));
                assertEquals(1, scalar(c, "SELECT count(*) FROM t_open WHERE id = 1 AND v = 'original'"));
                assertEquals(0, scalar(c, "SELECT count(*) FROM pg_class WHERE relname = 't_uncommitted'"));
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE branch_only AS SELECT 1 AS x");
                    s.execute("INSERT INTO t_open VALUES (200, 'branch')");
                }
            }
            try (Connection c = parent.connectAsSuperuser("postgres")) {
                assertEquals(0, scalar(c, "SELECT count(*) FROM pg_class WHERE relname = 'branch_only'"));
                assertEquals(0, scalar(c, "SELECT count(*) FROM t_open WHERE id = 200"));
                assertEquals(5, scalar(c, "SELECT count(*) FROM t_open"));
            }
            // its own archive, never the parent's
            try (Connection c = branch.connectAsSuperuser("postgres")) {
                scalar(c, "SELECT length(pg_walfile_name(pg_switch_wal()))");
            }
            awaitFileCount(branch.archiveDir());
            try (Stream<Path> files = Files.list(parent.archiveDir())) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("00000002")),
                        "no timeline-2 file in the parent's archive");
            }

            // a branch of the branch (timeline 3 off timeline 2)
            PgCluster grandchild = branch.branchTo(base.resolve("b2"), base.resolve("b2-archive"));
            try {
                grandchild.start(0);
                try (Connection c = grandchild.connectAsSuperuser("postgres")) {
                    assertEquals(1, scalar(c, "SELECT count(*) FROM branch_only"));
                    assertEquals(4, scalar(c, "SELECT count(*) FROM t_open"));
                }
            } finally {
                grandchild.destroy();
            }
            assertFalse(Files.exists(base.resolve("b2")));

            // reset: the branch's data replaced by a fresh copy of the parent, same port
            int port = branch.port();
            branch.replaceWithCopyOf(parent);
            assertTrue(branch.isRunning());
            assertEquals(port, branch.port());
            try (Connection c = branch.connectAsSuperuser("postgres")) {
                assertEquals(0, scalar(c, "SELECT count(*) FROM pg_class WHERE relname = 'branch_only'"));
                assertEquals(5, scalar(c, "SELECT count(*) FROM t_open"));
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t_open VALUES (300, 'after reset')");
                }
            }
        } finally {
            branch.destroy();
        }
        assertFalse(Files.exists(base.resolve("b1")));
        assertFalse(Files.exists(base.resolve("b1-archive")));
    }

    @Test
    void branchOfAStoppedParentIsRefusedAndLeavesNothing() throws Exception {
        PgCluster stopped = PgCluster.create(TestClusters.binaries(), base.resolve("stopped"),
                base.resolve("stopped-archive"), "pw");
        try {
            assertThrows(ClusterException.class, () -> stopped.branchTo(base.resolve("sb"), base.resolve("sb-archive")));
            assertFalse(Files.exists(base.resolve("sb")));
        } finally {
            stopped.destroy();
        }
    }

    private static void awaitFileCount(Path dir) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(p -> p.getFileName().toString().matches("0000000[2-9]0{8}.*"))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no segment of the branch's timeline archived into " + dir);
    }

    static void assertOwnedByServerUser(Path dir) throws Exception {
        int uid = ServerUser.current().uid();
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> foreign = all.filter(p -> {
                try {
                    return (Integer) Files.getAttribute(p, "unix:uid") != uid;
                } catch (Exception e) {
                    return false;
                }
            }).toList();
            assertEquals(List.of(), foreign, "files not owned by the server user");
        }
    }
}
