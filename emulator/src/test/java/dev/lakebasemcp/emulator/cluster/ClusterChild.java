package dev.lakebasemcp.emulator.cluster;

import java.nio.file.Path;

/** Not a test: the process {@link ReopenTest} kills with SIGKILL while its cluster runs. */
public final class ClusterChild {

    private ClusterChild() {
    }

    /** Args: binaries cache, data dir, archive dir. Prints READY once the cluster runs, then waits. */
    public static void main(String[] args) throws Exception {
        PgCluster cluster = PgCluster.create(PostgresBinaries.unpack(Path.of(args[0])), Path.of(args[1]),
                Path.of(args[2]), "pw");
        cluster.start(0);
        cluster.execute("postgres", "CREATE TABLE survived AS SELECT 1 AS x");
        System.out.println("READY " + cluster.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
