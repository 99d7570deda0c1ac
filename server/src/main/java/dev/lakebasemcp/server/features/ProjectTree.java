package dev.lakebasemcp.server.features;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.ListProjectsRequest;
import com.databricks.sdk.service.postgres.Project;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.projects.ProjectViews;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The project tree as data: projects, their branches, each branch's endpoints. Honours the project scope. */
final class ProjectTree {

    private final Lakebase lakebase;
    private final Optional<String> scope;

    ProjectTree(Lakebase lakebase, Optional<String> scope) {
        this.lakebase = lakebase;
        this.scope = scope;
    }

    List<String> projectIds() {
        List<String> ids = new ArrayList<>();
        if (scope.isPresent()) {
            ids.add(scope.get());
            return ids;
        }
        for (Project p : lakebase.postgres().listProjects(new ListProjectsRequest().setPageSize(100L))) {
            ids.add(Names.lastId(p.getName()));
        }
        return ids;
    }

    List<String> branchIds(String projectId) {
        List<String> ids = new ArrayList<>();
        for (Branch b : lakebase.postgres().listBranches(Names.project(projectId))) {
            ids.add(Names.lastId(b.getName()));
        }
        return ids;
    }

    Map<String, Object> all() {
        List<Map<String, Object>> projects = ProjectViews.describe(lakebase, projectIds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("backend", lakebase.kind().wireName());
        out.put("projects", projects);
        return out;
    }

    Map<String, Object> project(String projectId) {
        if (scope.isPresent() && !scope.get().equals(projectId)) {
            throw new IllegalArgumentException("this server is confined to project '" + scope.get() + "'");
        }
        return ProjectViews.describe(lakebase, List.of(projectId)).get(0);
    }
}
