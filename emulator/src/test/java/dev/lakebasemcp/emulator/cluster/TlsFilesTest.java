package dev.lakebasemcp.emulator.cluster;

import static dev.lakebasemcp.emulator.cluster.TestClusters.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keytool route, taken on machines without openssl, makes a certificate and key postgres accepts. */
class TlsFilesTest {

    @Test
    void keytoolFallbackMakesAKeyPostgresAccepts() throws Exception {
        Path base = TestClusters.newBase("tls-test");
        PgCluster cluster = PgCluster.create(TestClusters.binaries(), base.resolve("data"), base.resolve("archive"), "pw");
        try {
            Path scratch = Files.createTempDirectory(base, "tls");
            TlsFiles.writeWithKeytool(scratch);
            assertTrue(Files.readString(scratch.resolve(TlsFiles.KEY)).startsWith("-----BEGIN PRIVATE KEY-----\n"));
            assertTrue(Files.readString(scratch.resolve(TlsFiles.CERT)).startsWith("-----BEGIN CERTIFICATE-----\n"));
            ServerUser user = ServerUser.current();
            for (String name : List.of(TlsFiles.CERT, TlsFiles.KEY)) {
                Path target = cluster.dataDir().resolve(name);
                Files.move(scratch.resolve(name), target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, ServerUser.FILE_PRIVATE);
                user.own(target);
            }
            cluster.start(0);
            try (Connection c = cluster.connectAsSuperuser("postgres")) {
                assertEquals(1, scalar(c, "SELECT ssl::int FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
            }
        } finally {
            cluster.destroy();
            TestClusters.deleteBase(base);
        }
    }
}
