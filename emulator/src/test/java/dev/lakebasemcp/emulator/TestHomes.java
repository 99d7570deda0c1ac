package dev.lakebasemcp.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/** Data directories for emulator tests: under the temp dir, traversable by the server user when root. */
final class TestHomes {

    private TestHomes() {
    }

    static Path newDataDir(String prefix) throws IOException {
        Path base = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        return base.resolve("local");
    }

    /** The real SDK pointed at a running Lakebase Local. */
    static com.databricks.sdk.WorkspaceClient client(LakebaseLocal local) {
        return new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
                .setHost(local.url()).setToken(local.token()));
    }

    static LocalConfig config(Path dataDir) {
        return LocalConfig.defaults().withDataDir(dataDir).withUserName("tester@lakebase.local")
                .withCredentialLifetime(Duration.ofHours(1));
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
