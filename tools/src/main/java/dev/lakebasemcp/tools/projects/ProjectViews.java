package dev.lakebasemcp.tools.projects;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.Project;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Reads;
import dev.lakebasemcp.tools.lakebase.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Projects as describe_project and the {@code lakebase://projects} resources show them: the project's view with
 * {@code branches}, each branch's view with its {@code endpoints}. The reads go side by side ({@link Reads}, up to
 * eight at once): every branch list and project, then every branch's endpoint list, so a project with up to
 * eight branches costs about two round trips to the workspace (it was two plus one per branch, one after
 * another).
 */
public final class ProjectViews {

    private ProjectViews() {
    }

    /** Each project's view, in the order of {@code projectIds}. */
    public static List<Map<String, Object>> describe(Lakebase lakebase, List<String> projectIds) {
        // Branch lists first: the endpoint reads wait for them, not for the projects.
        List<Reads.Pending<List<Branch>>> branchReads = new ArrayList<>();
        for (String id : projectIds) {
            branchReads.add(Reads.start(() -> {
                List<Branch> list = new ArrayList<>();
                lakebase.postgres().listBranches(Names.project(id)).forEach(list::add);
                return list;
            }));
        }
        List<Reads.Pending<Project>> projects = new ArrayList<>();
        for (String id : projectIds) {
            projects.add(Reads.start(() -> lakebase.postgres().getProject(Names.project(id))));
        }
        List<List<Branch>> branches = new ArrayList<>();
        for (int i = 0; i < projectIds.size(); i++) {
            try {
                branches.add(branchReads.get(i).get());
            } catch (RuntimeException e) {
                projects.get(i).get(); // a missing project is told as such, as getProject tells it
                throw e;
            }
        }
        List<Supplier<List<Map<String, Object>>>> endpointReads = new ArrayList<>();
        for (List<Branch> list : branches) {
            for (Branch b : list) {
                endpointReads.add(() -> Views.all(lakebase.postgres().listEndpoints(b.getName())));
            }
        }
        List<List<Map<String, Object>>> endpoints = Reads.all(endpointReads);
        List<Map<String, Object>> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < projectIds.size(); i++) {
            Map<String, Object> project = Views.of(projects.get(i).get());
            List<Map<String, Object>> views = new ArrayList<>();
            for (Branch b : branches.get(i)) {
                Map<String, Object> view = Views.of(b);
                view.put("endpoints", endpoints.get(k++));
                views.add(view);
            }
            project.put("branches", views);
            out.add(project);
        }
        return out;
    }
}
