package dev.lakebasemcp.emulator.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: prints what issue 2 asks for, wall-clock on this machine. Cluster create (initdb, TLS,
 * config) and start; an online branch of a ~10 MB and a ~1 GB parent (branchTo, then first start, which
 * replays and promotes); and {@code cp -a} of the same parent data directory for comparison. Three rounds
 * each, median and range printed. Run from emulator/ after {@code mvn test-compile}:
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.lakebasemcp.emulator.cluster.ClusterBenchmark [--skip-1g]</pre>
 */
public final class ClusterBenchmark {

    private static final int ROUNDS = 3;

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.dev.lakebasemcp.emulator.cluster", "debug");
        boolean skip1g = List.of(args).contains("--skip-1g");
        Path base = TestClusters.newBase("cluster-bench");
        try {
            long t = System.nanoTime();
            PostgresBinaries binaries = TestClusters.binaries();
            System.out.printf("binaries (cached unless first run): %d ms%n", ms(t));
            List<Long> creates = new ArrayList<>();
            List<Long> starts = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                t = System.nanoTime();
                PgCluster c = PgCluster.create(binaries, base.resolve("c" + i), base.resolve("c" + i + "-archive"), "pw");
                creates.add(ms(t));
                t = System.nanoTime();
                c.start(0);
                starts.add(ms(t));
                c.destroy();
            }
            print("cluster create (initdb + TLS + config)", creates);
            print("cluster start (pg_ctl -w)", starts);

            PgCluster parent = PgCluster.create(binaries, base.resolve("parent"), base.resolve("parent-archive"), "pw");
            parent.start(0);
            try {
                fill(parent, "t10", 10L << 20);
                measureBranches(parent, base, "~10 MB");
                if (!skip1g) {
                    fill(parent, "t1g", 1L << 30);
                    measureBranches(parent, base, "~1 GB");
                }
            } finally {
                parent.destroy();
            }
        } finally {
            PgCluster.stopAll();
            TestClusters.deleteBase(base);
        }
    }

    private static void measureBranches(PgCluster parent, Path base, String label) throws Exception {
        try (Connection c = parent.connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        System.out.printf("%n%s parent: %d MB on disk (with pg_wal)%n", label, parent.sizeBytes() >> 20);
        List<Long> branch = new ArrayList<>();
        List<Long> firstStart = new ArrayList<>();
        List<Long> copy = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long t = System.nanoTime();
            PgCluster b = parent.branchTo(base.resolve("b" + i), base.resolve("b" + i + "-archive"));
            branch.add(ms(t));
            t = System.nanoTime();
            b.start(0);
            firstStart.add(ms(t));
            b.destroy();

            Path target = base.resolve("cp" + i);
            t = System.nanoTime();
            Process p = new ProcessBuilder("cp", "-a", parent.dataDir().toString(), target.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cp -a failed");
            }
            copy.add(ms(t));
            PgCluster.deleteTree(target);
        }
        print(label + " branchTo (backup start, copy, stop, archive wait)", branch);
        print(label + " first start of the branch (replay + promote)", firstStart);
        List<Long> total = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            total.add(branch.get(i) + firstStart.get(i));
        }
        print(label + " branch ready for writes (sum)", total);
        print(label + " cp -a of the live parent data directory (incl. pg_wal)", copy);
    }

    /** Adds a table of about {@code bytes} to the parent. */
    private static void fill(PgCluster parent, String table, long bytes) throws Exception {
        long rows = bytes / 1000; // ~1 KB a row with its tuple header
        long t = System.nanoTime();
        parent.execute("postgres", "CREATE TABLE " + table + " AS SELECT g AS id, repeat(md5(g::text), 30) AS pad "
                + "FROM generate_series(1, " + rows + ") g");
        System.out.printf("%nfilled %s with %d rows in %d ms%n", table, rows, ms(t));
    }

    private static void print(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-70s median %5d ms  (min %d, max %d, n=%d)%n", what, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

}
