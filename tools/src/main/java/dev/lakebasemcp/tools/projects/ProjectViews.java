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
 * {@code branches}, each branch's view with its {@code endpoints}. The reads go side by side ({@link Reads}):
 * every project and branch list at once, then every branch's endpoint list at once, so the wait is about two
 * round trips to the workspace however many projects and branches there are (it was two per project plus one
 * per branch, one after another).
 */
public final class ProjectViews {

    private ProjectViews() {
    }

    /** Each project's view, in the order of {@code projectIds}. */
    public static List<Map<String, Object>> describe(Lakebase lakebase, List<String> projectIds) {
        List<Reads.Pending<Project>> projects = new ArrayList<>();
        List<Supplier<List<Branch>>> branchReads = new ArrayList<>();
        for (String id : projectIds) {
            projects.add(Reads.start(() -> lakebase.postgres().getProject(Names.project(id))));
            branchReads.add(() -> {
                List<Branch> list = new ArrayList<>();
                lakebase.postgres().listBranches(Names.project(id)).forEach(list::add);
                return list;
            });
        }
        List<List<Branch>> branches = Reads.all(branchReads);
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
