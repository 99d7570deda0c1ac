package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Shared setup for the cluster tests: one binaries cache per machine, one traversable base dir per class. */
final class TestClusters {

    /** Outside /root so that the server user reaches it when the tests run as root. */
    static final Path BINARIES_CACHE = Path.of(System.getProperty("java.io.tmpdir"), "lakebase-mcp-test-binaries");

    private TestClusters() {
    }

    static PostgresBinaries binaries() throws ClusterException {
        return PostgresBinaries.unpack(BINARIES_CACHE);
    }

    /** A fresh directory the server user can traverse (0711), deleted by {@link #deleteBase}. */
    static Path newBase(String prefix) throws IOException {
        Path base = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        return base;
    }

    static void deleteBase(Path base) throws ClusterException {
        PgCluster.deleteTree(base);
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
