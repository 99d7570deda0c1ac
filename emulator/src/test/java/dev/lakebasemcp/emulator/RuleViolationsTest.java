package dev.lakebasemcp.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.AlreadyExists;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.CreateDatabaseRequest;
import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.Database;
import com.databricks.sdk.service.postgres.DatabaseDatabaseSpec;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointSpec;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import com.databricks.sdk.service.postgres.UpdateBranchRequest;
import com.databricks.sdk.service.postgres.UpdateEndpointRequest;
import com.google.protobuf.FieldMask;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every rule violated once: the SDK raises the exception class a workspace causes, with the message. */
class RuleViolationsTest {

    static Path dataDir;
    static LakebaseLocal local;
    static WorkspaceClient w;
    static final String P = "projects/rules";
    static final String PROD = P + "/branches/production";

    @BeforeAll
    static void start() throws Exception {
        dataDir = TestHomes.newDataDir("lbl-rules");
        local = LakebaseLocal.start(TestHomes.config(dataDir));
        w = TestHomes.client(local);
        w.postgres().createProject(new CreateProjectRequest().setProjectId("rules")
                .setProject(new Project().setSpec(new ProjectSpec()))).waitForCompletion();
        branch("child", new BranchSpec().setNoExpiry(true).setIsProtected(true)).waitForCompletion();
        branch("grandchild", new BranchSpec().setNoExpiry(true).setSourceBranch(P + "/branches/child"))
                .waitForCompletion();
    }

    @AfterAll
    static void stop() throws Exception {
        if (local != null) {
            local.close();
        }
        TestHomes.delete(dataDir.getParent());
    }

    static com.databricks.sdk.service.postgres.CreateBranchOperation branch(String id, BranchSpec spec) {
        return w.postgres().createBranch(new CreateBranchRequest().setParent(P).setBranchId(id)
                .setBranch(new Branch().setSpec(spec)));
    }

    static <T extends DatabricksError> void refused(Class<T> type, String message, Executable call) {
        T error = assertThrows(type, call);
        assertTrue(error.getMessage().contains(message), "message: " + error.getMessage());
    }

    @Test
    void projectIdRequiredAndRfc1123() {
        refused(InvalidParameterValue.class, "Field 'project_id' is required, expected non-default value (not \"\")!",
                () -> w.postgres().createProject(new CreateProjectRequest()
                        .setProject(new Project().setSpec(new ProjectSpec()))));
        refused(InvalidParameterValue.class, "Field project_id must match pattern ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$,"
                + " got 'Bad_Id'.", () -> w.postgres().createProject(new CreateProjectRequest().setProjectId("Bad_Id")
                        .setProject(new Project().setSpec(new ProjectSpec()))));
    }

    @Test
    void duplicateProjectAndBranch() {
        refused(AlreadyExists.class, "project with such id already exists in the workspace",
                () -> w.postgres().createProject(new CreateProjectRequest().setProjectId("rules")
                        .setProject(new Project().setSpec(new ProjectSpec()))));
        refused(AlreadyExists.class, "branch with such id already exists",
                () -> branch("child", new BranchSpec().setNoExpiry(true)));
    }

    @Test
    void notFound() {
        refused(NotFound.class, "project id not found", () -> w.postgres().getProject("projects/nope"));
        refused(NotFound.class, "branch id not found", () -> w.postgres().getBranch(P + "/branches/nope"));
        refused(NotFound.class, "endpoint id not found",
                () -> w.postgres().getEndpoint(PROD + "/endpoints/nope"));
    }

    @Test
    void branchNeedsAnExpirationPolicyOfAtMost30Days() {
        refused(InvalidParameterValue.class, "ttl is required unless no_expiry=true",
                () -> branch("no-policy", new BranchSpec()));
        refused(InvalidParameterValue.class, "at most 30 days",
                () -> branch("too-long", new BranchSpec().setTtl(
                        com.google.protobuf.Duration.newBuilder().setSeconds(31L * 24 * 3600).build())));
    }

    @Test
    void branchIdMustBeRfc1123() {
        refused(InvalidParameterValue.class, "Field branch_id must match pattern",
                () -> branch("-bad", new BranchSpec().setNoExpiry(true)));
    }

    @Test
    void protectedDefaultAndParentBranchesCannotBeDeleted() {
        refused(BadRequest.class, "cannot delete protected branch",
                () -> w.postgres().deleteBranch(P + "/branches/child"));
        refused(BadRequest.class, "Cannot delete root branch '" + PROD
                + "'. Root branches cannot be deleted independently.", () -> w.postgres().deleteBranch(PROD));
        w.postgres().updateBranch(new UpdateBranchRequest().setName(P + "/branches/child")
                .setBranch(new Branch().setSpec(new BranchSpec().setIsProtected(false)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("spec.is_protected").build()));
        refused(BadRequest.class, "branch child has 1 child branch: delete it first",
                () -> w.postgres().deleteBranch(P + "/branches/child"));
    }

    @Test
    void resetRefusedForRootAndParents() throws Exception {
        refused(BadRequest.class, "branch production is a root branch (it has no parent) and cannot be reset", () -> BranchReset.reset(w, PROD));
        refused(BadRequest.class, "branch child has 1 child branch and cannot be reset",
                () -> BranchReset.reset(w, P + "/branches/child"));
    }

    @Test
    void updateNeedsAMask() {
        refused(InvalidParameterValue.class, "Field 'update_mask' is required",
                () -> w.postgres().updateBranch(new UpdateBranchRequest().setName(PROD)
                        .setBranch(new Branch().setSpec(new BranchSpec().setIsProtected(true)))));
    }

    @Test
    void computeRanges() {
        refused(InvalidParameterValue.class, "autoscaling range must span at most 16 CU",
                () -> resize(0.5, 32));
        refused(InvalidParameterValue.class, "autoscaling_limit_min_cu must be at least 0.5", () -> resize(0.25, 1));
        refused(InvalidParameterValue.class, "autoscaling_limit_max_cu must be at most 32 CU for autoscaling", () -> resize(30, 34));
        w.postgres().updateEndpoint(request(40, 40)); // a fixed size 36-112 is fine
    }

    static UpdateEndpointRequest request(double min, double max) {
        return new UpdateEndpointRequest().setName(PROD + "/endpoints/primary")
                .setEndpoint(new Endpoint().setSpec(new EndpointSpec().setAutoscalingLimitMinCu(min)
                        .setAutoscalingLimitMaxCu(max)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("spec.autoscaling_limit_min_cu")
                        .addPaths("spec.autoscaling_limit_max_cu").build());
    }

    static void resize(double min, double max) {
        w.postgres().updateEndpoint(request(min, max));
    }

    @Test
    void primaryEndpointCannotBeDeleted() {
        refused(BadRequest.class, "Cannot delete read-write endpoint '" + PROD
                + "/endpoints/primary'. Read-write endpoints cannot be deleted.",
                () -> w.postgres().deleteEndpoint(PROD + "/endpoints/primary"));
    }

    @Test
    void databaseNeedsAnExistingRole() {
        refused(InvalidParameterValue.class, "Field 'database.spec.role' is required",
                () -> w.postgres().createDatabase(new CreateDatabaseRequest().setParent(PROD).setDatabaseId("x")
                        .setDatabase(new Database().setSpec(new DatabaseDatabaseSpec().setPostgresDatabase("x")))));
        refused(NotFound.class, "role not found; role_id:\"does-not-exist\"",
                () -> w.postgres().createDatabase(new CreateDatabaseRequest().setParent(PROD).setDatabaseId("x")
                        .setDatabase(new Database().setSpec(new DatabaseDatabaseSpec().setPostgresDatabase("x")
                                .setRole(PROD + "/roles/does-not-exist")))));
        refused(BadRequest.class, "database with that name already exists",
                () -> w.postgres().createDatabase(new CreateDatabaseRequest().setParent(PROD)
                        .setDatabaseId("databricks-postgres").setDatabase(new Database().setSpec(
                                new DatabaseDatabaseSpec().setPostgresDatabase("databricks_postgres")
                                        .setRole(PROD + "/roles/tester-lakebase-local")))));
    }

    @Test
    void credentialNeedsAnEndpointAndAValidTtl() {
        refused(InvalidParameterValue.class, "Field 'endpoint' is required",
                () -> w.postgres().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()));
        refused(InvalidParameterValue.class, "must be an endpoint name",
                () -> w.postgres().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
                        .setEndpoint(PROD)));
        refused(InvalidParameterValue.class, "ttl must be between 300s and 3600s",
                () -> w.postgres().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
                        .setEndpoint(PROD + "/endpoints/primary")
                        .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(7200).build())));
    }

    @Test
    void tenUnarchivedBranchesAtMost() throws Exception {
        w.postgres().createProject(new CreateProjectRequest().setProjectId("crowded")
                .setProject(new Project().setSpec(new ProjectSpec()))).waitForCompletion();
        for (int i = 1; i < 10; i++) {
            w.postgres().createBranch(new CreateBranchRequest().setParent("projects/crowded").setBranchId("b" + i)
                    .setBranch(new Branch().setSpec(new BranchSpec().setNoExpiry(true))));
        }
        refused(BadRequest.class, "a project may have at most 10 unarchived branches",
                () -> w.postgres().createBranch(new CreateBranchRequest().setParent("projects/crowded")
                        .setBranchId("b10").setBranch(new Branch().setSpec(new BranchSpec().setNoExpiry(true)))));
        w.postgres().deleteProject("projects/crowded").waitForCompletion();
        assertEquals(0, ProjectLifecycleTest.list(w.postgres().listBranches(P)).stream()
                .filter(b -> b.getName().startsWith("projects/crowded")).count());
    }
}
