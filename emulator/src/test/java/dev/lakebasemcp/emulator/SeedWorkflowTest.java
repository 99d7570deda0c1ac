package dev.lakebasemcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.BranchStatusState;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.CreateDatabaseRequest;
import com.databricks.sdk.service.postgres.CreateEndpointRequest;
import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.CreateRoleRequest;
import com.databricks.sdk.service.postgres.Database;
import com.databricks.sdk.service.postgres.DatabaseDatabaseSpec;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointSpec;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.Operation;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import com.databricks.sdk.service.postgres.Role;
import com.databricks.sdk.service.postgres.RoleAuthMethod;
import com.databricks.sdk.service.postgres.RoleRoleSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed workflow through the real SDK and pgjdbc with sslmode=require. */
class SeedWorkflowTest {

    static Path dataDir;
    static LakebaseLocal local;
    static WorkspaceClient w;

    @BeforeAll
    static void start() throws Exception {
        dataDir = TestHomes.newDataDir("lbl-seed");
        local = LakebaseLocal.start(TestHomes.config(dataDir));
        w = TestHomes.client(local);
    }

    @AfterAll
    static void stop() throws Exception {
        if (local != null) {
            local.close();
        }
        TestHomes.delete(dataDir.getParent());
    }

    static com.google.protobuf.Duration seconds(long s) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(s).build();
    }

    static Connection connect(String endpointName, String database) throws Exception {
        Endpoint endpoint = w.postgres().getEndpoint(endpointName);
        String token = w.postgres().generateDatabaseCredential(
                new GenerateDatabaseCredentialRequest().setEndpoint(endpointName)).getToken();
        return ProjectLifecycleTest.connect(endpoint, database, local.userName(), token);
    }

    static List<String> notes(Connection c) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select note from notes order by id")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    static void insert(Connection c, String note) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into notes (note) values ('" + note + "')");
        }
    }

    static Branch createBranch(String project, String id, BranchSpec spec) throws Exception {
        return w.postgres().createBranch(new CreateBranchRequest().setParent("projects/" + project).setBranchId(id)
                .setBranch(new Branch().setSpec(spec))).waitForCompletion();
    }

    @Test
    void seedWorkflow() throws Exception {
        w.postgres().createProject(new CreateProjectRequest().setProjectId("seed")
                .setProject(new Project().setSpec(new ProjectSpec().setDisplayName("Seed")))).waitForCompletion();
        String prodEndpoint = "projects/seed/branches/production/endpoints/primary";
        try (Connection parent = connect(prodEndpoint, "databricks_postgres")) {
            try (Statement s = parent.createStatement()) {
                s.execute("create table notes (id serial primary key, note text)");
            }
            insert(parent, "parent-before");

            Instant before = Instant.now();
            Branch dev = createBranch("seed", "dev", new BranchSpec().setTtl(seconds(4 * 3600)));
            assertEquals(BranchStatusState.READY, dev.getStatus().getCurrentState());
            assertEquals("projects/seed/branches/production", dev.getStatus().getSourceBranch());
            long ttlLeft = dev.getStatus().getExpireTime().getSeconds() - before.getEpochSecond();
            assertTrue(ttlLeft >= 4 * 3600 - 5 && ttlLeft <= 4 * 3600 + 5, "expire_time is 4 h ahead: " + ttlLeft);

            assertEquals(2, ProjectLifecycleTest.list(w.postgres().listBranches("projects/seed")).size());
            List<Endpoint> devEndpoints = ProjectLifecycleTest.list(
                    w.postgres().listEndpoints("projects/seed/branches/dev"));
            assertEquals(1, devEndpoints.size());
            assertEquals(EndpointType.ENDPOINT_TYPE_READ_WRITE, devEndpoints.get(0).getStatus().getEndpointType());
            String devEndpoint = devEndpoints.get(0).getName();

            Role role = w.postgres().createRole(new CreateRoleRequest().setParent("projects/seed/branches/dev")
                    .setRoleId("app-writer").setRole(new Role().setSpec(new RoleRoleSpec().setPostgresRole("app_writer")
                            .setAuthMethod(RoleAuthMethod.NO_LOGIN)))).waitForCompletion();
            assertEquals("projects/seed/branches/dev/roles/app-writer", role.getName());
            Database db = w.postgres().createDatabase(new CreateDatabaseRequest()
                    .setParent("projects/seed/branches/dev").setDatabaseId("appdb")
                    .setDatabase(new Database().setSpec(new DatabaseDatabaseSpec().setPostgresDatabase("appdb")
                            .setRole(role.getName())))).waitForCompletion();
            assertEquals("appdb", db.getStatus().getPostgresDatabase());

            try (Connection branch = connect(devEndpoint, "databricks_postgres")) {
                assertEquals(List.of("parent-before"), notes(branch), "the branch saw the parent's data");
                insert(branch, "branch-only");
                insert(parent, "parent-after");
                assertEquals(List.of("parent-before", "parent-after"), notes(parent), "the parent did not change");
                assertEquals(List.of("parent-before", "branch-only"), notes(branch));
                try (Statement s = branch.createStatement();
                        ResultSet rs = s.executeQuery("select pg_get_userbyid(datdba) from pg_database"
                                + " where datname = 'appdb'")) {
                    assertTrue(rs.next());
                    assertEquals("app_writer", rs.getString(1));
                }
            }
            try (Connection appdb = connect(devEndpoint, "appdb")) {
                assertFalse(appdb.isClosed());
            }

            // a read-only endpoint: a hot standby, writes refused by PostgreSQL whatever the session sets
            Endpoint ro = w.postgres().createEndpoint(new CreateEndpointRequest().setParent("projects/seed/branches/dev")
                    .setEndpointId("reader").setEndpoint(new Endpoint().setSpec(new EndpointSpec()
                            .setEndpointType(EndpointType.ENDPOINT_TYPE_READ_ONLY)
                            .setAutoscalingLimitMinCu(0.5).setAutoscalingLimitMaxCu(2.0)))).waitForCompletion();
            assertEquals(EndpointType.ENDPOINT_TYPE_READ_ONLY, ro.getStatus().getEndpointType());
            try (Connection reader = connectEventually(ro.getName())) {
                assertEquals(List.of("parent-before", "branch-only"), notes(reader));
                try (Statement s = reader.createStatement()) {
                    s.execute("set default_transaction_read_only = off");
                    SQLException refused = assertThrows(SQLException.class,
                            () -> s.execute("insert into notes (note) values ('nope')"));
                    assertEquals("25006", refused.getSQLState(), refused.getMessage());
                }
            }

            // reset: a fresh copy of the parent, local changes and local roles/databases gone
            Operation reset = BranchReset.reset(w, "projects/seed/branches/dev");
            assertTrue(Boolean.TRUE.equals(reset.getDone()), "reset done: " + reset.getError());
            try (Connection branch = connect(devEndpoint, "databricks_postgres")) {
                assertEquals(List.of("parent-before", "parent-after"), notes(branch));
            }
            assertTrue(ProjectLifecycleTest.list(w.postgres().listDatabases("projects/seed/branches/dev")).stream()
                    .noneMatch(d -> d.getName().endsWith("/appdb")));
            try (Connection reader = connectEventually(ro.getName())) {
                assertEquals(List.of("parent-before", "parent-after"), notes(reader), "the standby follows the reset");
            }
        }

        w.postgres().deleteEndpoint("projects/seed/branches/dev/endpoints/reader").waitForCompletion();
        w.postgres().deleteBranch("projects/seed/branches/dev").waitForCompletion();
        assertEquals(1, ProjectLifecycleTest.list(w.postgres().listBranches("projects/seed")).size());
        w.postgres().deleteProject("projects/seed").waitForCompletion();
        assertTrue(ProjectLifecycleTest.list(w.postgres().listProjects(
                new com.databricks.sdk.service.postgres.ListProjectsRequest())).stream()
                .noneMatch(p -> p.getName().equals("projects/seed")));
    }

    /** A standby replays the credential's password change a moment after the primary commits it. */
    static Connection connectEventually(String endpointName) throws Exception {
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return connect(endpointName, "databricks_postgres");
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    @Test
    void branchCreatedWhileParentHoldsAnOpenTransaction() throws Exception {
        w.postgres().createProject(new CreateProjectRequest().setProjectId("busy")
                .setProject(new Project().setSpec(new ProjectSpec()))).waitForCompletion();
        String prodEndpoint = "projects/busy/branches/production/endpoints/primary";
        try (Connection committed = connect(prodEndpoint, "databricks_postgres");
                Connection open = connect(prodEndpoint, "databricks_postgres")) {
            try (Statement s = committed.createStatement()) {
                s.execute("create table notes (id serial primary key, note text)");
                s.execute("insert into notes (note) select 'row-' || g from generate_series(1, 1000) g");
            }
            open.setAutoCommit(false);
            insert(open, "uncommitted");
            try (Statement s = open.createStatement()) {
                s.execute("update notes set note = 'changed' where id = 1");
            }
            createBranch("busy", "snap", new BranchSpec().setNoExpiry(true));
            open.commit();
            try (Connection snap = connect("projects/busy/branches/snap/endpoints/primary", "databricks_postgres");
                    Statement s = snap.createStatement();
                    ResultSet rs = s.executeQuery("select count(*), count(*) filter (where note = 'row-1')"
                            + ", count(*) filter (where note in ('uncommitted', 'changed')) from notes")) {
                rs.next();
                assertEquals(1000, rs.getLong(1), "every committed row");
                assertEquals(1, rs.getLong(2), "the update was not committed at copy time");
                assertEquals(0, rs.getLong(3), "nothing uncommitted");
            }
            assertEquals(1001, notes(committed).size(), "the parent kept serving and committed");
        }
    }
}
