package dev.lakebasemcp.server;

import dev.lakebasemcp.emulator.cluster.ClusterHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Lakebase Local data directories of server tests, deleted with their clusters when the test is done. Under root
 * the clusters live in a private home under /var/lib/lakebase-mcp that outlives the data directory: left behind,
 * every run of the suite kept 1.5-2.5 GB of clusters there.
 */
public final class DataDirs {

    private DataDirs() {
    }

    /**
     * Deletes each data directory and its private home once no postgres runs on them any more (the server
     * stops its clusters on the way out; waits up to 60 s). A directory still in use is left to the sweeper of
     * a later run rather than pulled from under a running server.
     */
    public static void delete(Path... dataDirs) {
        for (Path dataDir : dataDirs) {
            try {
                Path home = ClusterHome.forDataDir(dataDir);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (postmastersUnder(home) > 0 || postmastersUnder(dataDir) > 0) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("DataDirs: postgres still runs on " + dataDir + "; left for the sweeper");
                        return;
                    }
                    Thread.sleep(100);
                }
                ClusterHome.deletePrivateHome(dataDir);
                deleteTree(dataDir);
            } catch (Exception e) {
                System.err.println("DataDirs: could not delete " + dataDir + ": " + e);
            }
        }
    }

    private static long postmastersUnder(Path dir) {
        String marker = "-D " + dir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("bin/postgres") && c.contains(marker)).count();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
