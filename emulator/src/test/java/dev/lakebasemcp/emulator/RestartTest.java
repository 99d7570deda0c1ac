package dev.lakebasemcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.BranchStatusState;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import dev.lakebasemcp.emulator.cluster.ClusterHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Restart, kill -9 mid-operation, and credential expiry, all on real processes. */
class RestartTest {

    static Path dataDir;

    @BeforeAll
    static void dirs() throws Exception {
        dataDir = TestHomes.newDataDir("lbl-restart");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestHomes.delete(dataDir.getParent());
    }

    static Connection connect(WorkspaceClient w, String user, String endpointName) throws Exception {
        Endpoint endpoint = w.postgres().getEndpoint(endpointName);
        String token = w.postgres().generateDatabaseCredential(
                new GenerateDatabaseCredentialRequest().setEndpoint(endpointName)).getToken();
        return ProjectLifecycleTest.connect(endpoint, "databricks_postgres", user, token);
    }

    /** Postmasters (not their children) running on a data directory under {@code home}. */
    static long postmastersUnder(Path home) {
        String marker = "-D " + home;
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("bin/postgres") && c.contains(marker)).count();
    }

    @Test
    void restartKeepsResourcesPortsDataAndToken() throws Exception {
        Path dir = dataDir.resolveSibling("restart");
        String token;
        int port;
        try (LakebaseLocal local = LakebaseLocal.start(TestHomes.config(dir))) {
            WorkspaceClient w = TestHomes.client(local);
            token = local.token();
            w.postgres().createProject(new CreateProjectRequest().setProjectId("keep")
                    .setProject(new Project().setSpec(new ProjectSpec()))).waitForCompletion();
            w.postgres().createBranch(new CreateBranchRequest().setParent("projects/keep").setBranchId("dev")
                    .setBranch(new Branch().setSpec(new BranchSpec().setNoExpiry(true)))).waitForCompletion();
            Endpoint dev = w.postgres().getEndpoint("projects/keep/branches/dev/endpoints/primary");
            port = Integer.parseInt(dev.getStatus().getHosts().getHost().split(":")[1]);
            try (Connection c = connect(w, local.userName(), dev.getName()); Statement s = c.createStatement()) {
                s.execute("create table kept as select 42 as answer");
            }
        }
        assertEquals(0, postmastersUnder(ClusterHome.forDataDir(dir)), "close stops every cluster");

        // the second run issues credentials that expire in 2 seconds
        try (LakebaseLocal local = LakebaseLocal.start(TestHomes.config(dir)
                .withCredentialLifetime(Duration.ofSeconds(2)))) {
            WorkspaceClient w = TestHomes.client(local);
            assertEquals(token, local.token(), "the token survives a restart");
            assertEquals(3, postmastersUnder(ClusterHome.forDataDir(dir)),
                    "the control cluster and both endpoints (started side by side) run again");
            assertEquals(2, ProjectLifecycleTest.list(w.postgres().listBranches("projects/keep")).size());
            Endpoint dev = w.postgres().getEndpoint("projects/keep/branches/dev/endpoints/primary");
            assertEquals("127.0.0.1:" + port, dev.getStatus().getHosts().getHost(), "endpoint ports are stable");
            String password = w.postgres().generateDatabaseCredential(
                    new GenerateDatabaseCredentialRequest().setEndpoint(dev.getName())).getToken();
            try (Connection c = ProjectLifecycleTest.connect(dev, "databricks_postgres", local.userName(), password);
                    Statement s = c.createStatement(); var rs = s.executeQuery("select answer from kept")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
            Thread.sleep(2500);
            SQLException expired = assertThrows(SQLException.class,
                    () -> ProjectLifecycleTest.connect(dev, "databricks_postgres", local.userName(), password));
            assertEquals("28P01", expired.getSQLState(), "an expired credential is refused: " + expired.getMessage());
        }
    }

    @Test
    void killDashNineMidOperationLeavesNothingOrphaned() throws Exception {
        Path dir = dataDir.resolveSibling("killed");
        Files.createDirectories(dir.getParent());
        // Kill a child Lakebase Local at several points of a branch create; each next child starts on the same
        // data and must recover what the last one left half-done. At least one kill must land mid-operation
        // (the next start says "recovered:"), or this test would prove nothing.
        List<String> branchIds = new ArrayList<>();
        boolean recoveredOnce = false;
        long[] delaysMs = {100, 300, 600};
        // One more child than kills: its start recovers what the last kill left, and it is then killed idle.
        for (int i = 0; i <= delaysMs.length; i++) {
            List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LakebaseLocal.class.getName(),
                    "--data-dir", dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String url = null;
                String token = null;
                BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                        StandardCharsets.UTF_8));
                while (token == null) {
                    String line = err.readLine();
                    if (line == null) {
                        break;
                    }
                    stderr.add(line);
                    if (line.startsWith("DATABRICKS_HOST=")) {
                        url = line.substring("DATABRICKS_HOST=".length());
                    } else if (line.startsWith("DATABRICKS_TOKEN=")) {
                        token = line.substring("DATABRICKS_TOKEN=".length());
                    }
                }
                assertTrue(url != null && token != null, "the child printed its url and token: " + stderr);
                recoveredOnce |= stderr.stream().anyMatch(l -> l.contains("recovered:"));
                CompletableFuture.runAsync(() -> drain(err));
                if (i == delaysMs.length) {
                    child.destroyForcibly().waitFor();
                    break;
                }
                WorkspaceClient w = new WorkspaceClient(new DatabricksConfig().setHost(url).setToken(token));
                if (i == 0) {
                    w.postgres().createProject(new CreateProjectRequest().setProjectId("doomed")
                            .setProject(new Project().setSpec(new ProjectSpec()))).waitForCompletion();
                }
                String branchId = "midway-" + i;
                branchIds.add(branchId);
                CompletableFuture<?> pending = CompletableFuture.runAsync(() -> w.postgres().createBranch(
                        new CreateBranchRequest().setParent("projects/doomed").setBranchId(branchId)
                                .setBranch(new Branch().setSpec(new BranchSpec().setNoExpiry(true)))));
                Thread.sleep(delaysMs[i]);
                child.destroyForcibly().waitFor();
                pending.handle((r, e) -> null).join();
            } finally {
                child.destroyForcibly();
            }
        }

        Path home = ClusterHome.forDataDir(dir);
        // the child ran with the default user; so does the restart, or it would own no role
        try (LakebaseLocal local = LakebaseLocal.start(TestHomes.config(dir).withUserName(LocalConfig.defaultUserName()))) {
            WorkspaceClient w = TestHomes.client(local);
            List<Branch> branches = ProjectLifecycleTest.list(w.postgres().listBranches("projects/doomed"));
            assertTrue(branches.stream().allMatch(b -> b.getStatus().getCurrentState() == BranchStatusState.READY),
                    "no branch left half-made: " + branches);
            long endpoints = branches.stream()
                    .mapToLong(b -> ProjectLifecycleTest.list(w.postgres().listEndpoints(b.getName())).size()).sum();
            assertEquals(endpoints + 1, postmastersUnder(home), "one postmaster per endpoint plus the control one");
            try (Stream<Path> clusters = Files.list(home.resolve("clusters"))) {
                assertEquals(branches.size(), clusters.count(), "one cluster directory per branch, no orphan");
            }
            Endpoint primary = w.postgres().getEndpoint("projects/doomed/branches/production/endpoints/primary");
            try (Connection c = connect(w, local.userName(), primary.getName())) {
                assertNotEquals(null, c);
            }
        }
        assertEquals(0, postmastersUnder(home), "nothing left running after close");
        assertTrue(recoveredOnce, "no kill landed mid-operation (" + branchIds
                + "): the test proved nothing; shorten the delays");
    }

    private static void drain(BufferedReader reader) {
        try {
            while (reader.readLine() != null) {
                // keep the child's stderr pipe from filling up
            }
        } catch (java.io.IOException e) {
            // the child was killed
        }
    }
}
