package dev.lakebasemcp.emulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterHomeTest {

    @Test
    void isTheDataDirWhenTheServerUserReachesIt() throws Exception {
        Path base = TestClusters.newBase("home-test");
        try {
            Path dataDir = base.resolve("local");
            assertEquals(dataDir, ClusterHome.forDataDir(dataDir));
            assertEquals(true, Files.isDirectory(dataDir));
        } finally {
            TestClusters.deleteBase(base);
        }
    }

    @Test
    void isAStablePrivateHomeWhenAnAncestorIsClosedToTheServerUser() throws Exception {
        assumeTrue(ServerUser.current().switchFromRoot(), "only root runs postgres as another user");
        Path closed = Files.createTempDirectory("home-closed"); // 0700 root, like /root
        Path home = null;
        try {
            Path dataDir = closed.resolve(".lakebase-mcp/local");
            home = ClusterHome.forDataDir(dataDir);
            assertEquals(ClusterHome.PRIVATE_ROOT, home.getParent());
            assertEquals(home, ClusterHome.forDataDir(dataDir), "same answer on every run");
            assertEquals("rwx--x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
            assertEquals(dataDir + "\n", Files.readString(home.resolve("data-dir.txt")));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(closed)),
                    "nothing it did not create is changed");
        } finally {
            if (home != null) {
                PgCluster.deleteTree(home);
            }
            PgCluster.deleteTree(closed);
        }
    }

    @Test
    void sweepsThePrivateHomeOfAVanishedTemporaryDataDir() throws Exception {
        assumeTrue(ServerUser.current().switchFromRoot(), "only root runs postgres as another user");
        Path gone = Files.createTempDirectory("home-gone");
        Path other = Files.createTempDirectory("home-other");
        Path goneHome = ClusterHome.forDataDir(gone.resolve("local"));
        Path otherHome = null;
        try {
            PgCluster.deleteTree(gone);
            Files.setLastModifiedTime(goneHome.resolve("data-dir.txt"),
                    FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
            otherHome = ClusterHome.forDataDir(other.resolve("local"));
            ClusterHome.sweepOrphans(); // what the first forDataDir of a JVM starts in the background
            assertFalse(Files.exists(goneHome), "orphaned home swept");
            assertTrue(Files.exists(otherHome));
        } finally {
            PgCluster.deleteTree(goneHome);
            ClusterHome.deletePrivateHome(other.resolve("local"));
            PgCluster.deleteTree(other);
        }
        assertFalse(Files.exists(otherHome));
    }
}
