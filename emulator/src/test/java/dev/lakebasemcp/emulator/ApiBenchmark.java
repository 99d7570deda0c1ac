package dev.lakebasemcp.emulator;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import dev.lakebasemcp.emulator.cluster.ClusterHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * Not a test: times project create and branch create through the real SDK (HTTP, operation polling, online
 * copy, start), for a parent of about 10 MB and of about 1 GB, next to a plain {@code cp -a} of the parent's
 * cluster directory. Run: {@code bench/emulator [maxMb]} (builds, then {@code java -cp <test classpath>
 * dev.lakebasemcp.emulator.ApiBenchmark [maxMb]}).
 */
public final class ApiBenchmark {

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long maxMb = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path dataDir = TestHomes.newDataDir("lbl-bench");
        try (LakebaseLocal local = LakebaseLocal.start(TestHomes.config(dataDir))) {
            WorkspaceClient w = TestHomes.client(local);
            w.postgres().listProjects(new com.databricks.sdk.service.postgres.ListProjectsRequest()).iterator().hasNext();
            long t0 = System.nanoTime();
            w.postgres().createProject(new CreateProjectRequest().setProjectId("bench")
                    .setProject(new Project().setSpec(new ProjectSpec()))).waitForCompletion();
            System.out.printf("project create (SDK, waitForCompletion): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            String ep = "projects/bench/branches/production/endpoints/primary";
            Endpoint endpoint = w.postgres().getEndpoint(ep);
            String token = w.postgres().generateDatabaseCredential(
                    new GenerateDatabaseCredentialRequest().setEndpoint(ep)).getToken();
            Path clusters = ClusterHome.forDataDir(dataDir.toAbsolutePath().normalize()).resolve("clusters");
            Path parentDir;
            try (Stream<Path> dirs = Files.list(clusters)) {
                parentDir = dirs.findFirst().orElseThrow();
            }
            int n = 0;
            // CHECKPOINT needs pg_checkpoint, which the caller's role (like a Lakebase owner role) lacks: the
            // emulator's superuser flushes the parent so the copy and the branch start from the same disk state
            String superuserPassword = Files.readString(dataDir.resolve("superuser-password")).strip();
            try (Connection c = ProjectLifecycleTest.connect(endpoint, "databricks_postgres", local.userName(), token);
                    Connection su = ProjectLifecycleTest.connect(endpoint, "databricks_postgres", "postgres",
                            superuserPassword);
                    Statement s = c.createStatement(); Statement checkpoint = su.createStatement()) {
                s.execute("create table filler (id bigint, pad text)");
                for (long target : new long[] {10, maxMb}) {
                    if (target > maxMb) {
                        continue;
                    }
                    long database = fill(s, target);
                    checkpoint.execute("checkpoint");
                    long bytes = size(parentDir);
                    long c0 = System.nanoTime();
                    Path copy = Files.createTempDirectory("lbl-bench-copy");
                    new ProcessBuilder("cp", "-a", parentDir.resolve("data").toString(), copy.resolve("data").toString())
                            .inheritIO().start().waitFor();
                    long copyMs = (System.nanoTime() - c0) / 1_000_000;
                    TestHomes.delete(copy);
                    long b0 = System.nanoTime();
                    w.postgres().createBranch(new CreateBranchRequest().setParent("projects/bench")
                            .setBranchId("b" + (++n)).setBranch(new Branch().setSpec(new BranchSpec().setNoExpiry(true))))
                            .waitForCompletion();
                    long branchMs = (System.nanoTime() - b0) / 1_000_000;
                    System.out.printf("parent database %d MB (cluster directory %d MB on disk, WAL included):"
                            + " branch create (SDK) %d ms; plain cp -a of the data dir %d ms%n",
                            database >> 20, bytes >> 20, branchMs, copyMs);
                }
            }
        } finally {
            TestHomes.delete(dataDir.getParent());
        }
    }

    /** Grows the table until the database is about {@code mb} MB; its size in bytes. */
    private static long fill(Statement s, long mb) throws Exception {
        while (true) {
            long size;
            try (var rs = s.executeQuery("select pg_database_size(current_database())")) {
                rs.next();
                size = rs.getLong(1);
            }
            if (size >= mb << 20) {
                return size;
            }
            // a row takes about 300 bytes: small steps near the target so that 10 MB stays about 10 MB
            long rows = Math.max(1_000, Math.min(100_000, ((mb << 20) - size) / 300));
            s.execute("insert into filler select g, repeat(md5(g::text), 8) from generate_series(1, " + rows + ") g");
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

}
