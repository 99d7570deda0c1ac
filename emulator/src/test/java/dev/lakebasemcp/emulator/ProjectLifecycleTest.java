package dev.lakebasemcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchStatusState;
import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.Database;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.ListProjectsRequest;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import com.databricks.sdk.service.postgres.Role;
import com.databricks.sdk.service.postgres.RoleIdentityType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A project through the real SDK: what creating one makes, and that its endpoint takes a credential. */
class ProjectLifecycleTest {

    static Path dataDir;
    static LakebaseLocal local;
    static WorkspaceClient w;

    @BeforeAll
    static void start() throws Exception {
        dataDir = TestHomes.newDataDir("lbl-project");
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

    static Connection connect(Endpoint endpoint, String database, String user, String password) throws Exception {
        String host = endpoint.getStatus().getHosts().getHost();
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + host + "/" + database, props);
    }

    @Test
    void scimMeIsTheLocalUser() {
        User me = w.currentUser().me(new MeRequest());
        assertEquals("tester@lakebase.local", me.getUserName());
        assertNotNull(me.getId());
    }

    @Test
    void createProjectMakesProductionBranchEndpointRoleAndDatabase() throws Exception {
        Project project = w.postgres().createProject(new CreateProjectRequest().setProjectId("demo")
                .setProject(new Project().setSpec(new ProjectSpec().setDisplayName("Demo").setPgVersion(17L))))
                .waitForCompletion();
        assertEquals("projects/demo", project.getName());
        assertEquals("Demo", project.getStatus().getDisplayName());
        assertEquals("projects/demo/branches/production", project.getStatus().getDefaultBranch());
        assertEquals("tester@lakebase.local", project.getStatus().getOwner());

        assertEquals("Demo", w.postgres().getProject("projects/demo").getStatus().getDisplayName());
        assertTrue(StreamSupport.stream(w.postgres().listProjects(new ListProjectsRequest()).spliterator(), false)
                .anyMatch(p -> p.getName().equals("projects/demo")));

        List<Branch> branches = list(w.postgres().listBranches("projects/demo"));
        assertEquals(1, branches.size());
        Branch production = branches.get(0);
        assertEquals("projects/demo/branches/production", production.getName());
        assertEquals(BranchStatusState.READY, production.getStatus().getCurrentState());
        assertTrue(production.getStatus().getDefault());

        List<Endpoint> endpoints = list(w.postgres().listEndpoints("projects/demo/branches/production"));
        assertEquals(1, endpoints.size());
        Endpoint primary = endpoints.get(0);
        assertEquals("projects/demo/branches/production/endpoints/primary", primary.getName());
        assertEquals(EndpointType.ENDPOINT_TYPE_READ_WRITE, primary.getStatus().getEndpointType());
        assertEquals(EndpointStatusState.ACTIVE, primary.getStatus().getCurrentState());
        assertTrue(primary.getStatus().getHosts().getHost().startsWith("127.0.0.1:"));

        List<Database> databases = list(w.postgres().listDatabases("projects/demo/branches/production"));
        assertEquals("projects/demo/branches/production/databases/databricks-postgres", databases.get(0).getName());
        assertEquals("databricks_postgres", databases.get(0).getStatus().getPostgresDatabase());

        List<Role> roles = list(w.postgres().listRoles("projects/demo/branches/production"));
        assertEquals(1, roles.size());
        assertEquals("tester@lakebase.local", roles.get(0).getStatus().getPostgresRole());
        assertEquals(RoleIdentityType.USER, roles.get(0).getStatus().getIdentityType());

        DatabaseCredential credential = w.postgres().generateDatabaseCredential(
                new GenerateDatabaseCredentialRequest().setEndpoint(primary.getName()));
        assertNotNull(credential.getExpireTime());
        try (Connection c = connect(primary, "databricks_postgres", local.userName(), credential.getToken());
                Statement s = c.createStatement()) {
            s.execute("create table t (id int primary key)");
            s.execute("insert into t values (1)");
            try (ResultSet rs = s.executeQuery(
                    "select current_user, ssl, (select rolsuper from pg_roles where rolname = current_user)"
                            + " from pg_stat_ssl where pid = pg_backend_pid()")) {
                rs.next();
                assertEquals("tester@lakebase.local", rs.getString(1));
                assertTrue(rs.getBoolean(2), "TLS on");
                assertTrue(!rs.getBoolean(3), "the owner role is not a real superuser");
            }
        }
    }

    @Test
    void refusesRequestsWithoutTheToken() {
        WorkspaceClient stranger = new WorkspaceClient(
                new DatabricksConfig().setHost(local.url()).setToken("not-the-token"));
        assertThrows(Unauthenticated.class, () -> stranger.postgres().getProject("projects/demo"));
    }

    static <T> List<T> list(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).toList();
    }
}
