package dev.lakebasemcp.tools.projects;

import com.databricks.sdk.service.postgres.CreateProjectRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.ListProjectsRequest;
import com.databricks.sdk.service.postgres.Project;
import com.databricks.sdk.service.postgres.ProjectSpec;
import com.databricks.sdk.service.postgres.UpdateProjectRequest;
import com.google.protobuf.FieldMask;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.lakebase.Views;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Handlers for the project tools. */
public final class ProjectTools {

    private final Lakebase lakebase;
    private final Operations operations;

    public ProjectTools(Lakebase lakebase, Operations operations) {
        this.lakebase = lakebase;
        this.operations = operations;
    }

    public void register(Map<String, ToolHandler> handlers) {
        handlers.put("list_projects", this::list);
        handlers.put("describe_project", this::describe);
        handlers.put("create_project", this::create);
        handlers.put("update_project", this::update);
        handlers.put("delete_project", this::delete);
    }

    ToolResult list(Arguments args, CallContext ctx) {
        long max = args.integer("max_results").orElse(50L);
        List<Map<String, Object>> projects = new ArrayList<>();
        boolean truncated = false;
        for (Project p : lakebase.postgres().listProjects(new ListProjectsRequest().setPageSize(Math.min(max, 100L)))) {
            if (projects.size() == max) {
                truncated = true;
                break;
            }
            projects.add(Views.of(p));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("projects", projects);
        out.put("truncated", truncated);
        StringBuilder text = new StringBuilder(projects.size() + " project(s)" + (truncated ? " (more exist)" : "") + ":");
        for (Map<String, Object> p : projects) {
            text.append("\n- ").append(p.get("project_id")).append(" (").append(p.get("display_name"))
                    .append(", Postgres ").append(p.get("pg_version")).append(')');
        }
        return ToolResult.ok(out, text.toString());
    }

    /** The project, its branches, and each branch's endpoints ({@link ProjectViews}: read side by side). */
    ToolResult describe(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        Map<String, Object> project = ProjectViews.describe(lakebase, List.of(projectId)).get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> branches = (List<Map<String, Object>>) project.remove("branches");
        StringBuilder text = new StringBuilder("Project " + projectId + " ("
                + java.util.Objects.toString(project.get("display_name"), "") + ")");
        for (Map<String, Object> view : branches) {
            text.append("\n- branch ").append(view.get("branch_id")).append(" [").append(view.get("state")).append(']')
                    .append(Boolean.TRUE.equals(view.get("is_default")) ? " default" : "")
                    .append(Boolean.TRUE.equals(view.get("is_protected")) ? " protected" : "")
                    .append(", ").append(((List<?>) view.get("endpoints")).size()).append(" endpoint(s)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", project);
        out.put("branches", branches);
        return ToolResult.ok(out, text.toString());
    }

    ToolResult create(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        ProjectSpec spec = new ProjectSpec()
                .setDisplayName(args.string("display_name").orElse(projectId))
                .setPgVersion(args.integer("pg_version").orElse(17L));
        var op = lakebase.postgres().createProject(new CreateProjectRequest().setProjectId(projectId)
                .setProject(new Project().setSpec(spec)));
        return operations.finish(op.getName(), "Creating project " + projectId, ctx, () -> created(projectId),
                Map.of("project", Map.of("project_id", projectId, "state", "CREATING")), "describe_project");
    }

    private ToolResult created(String projectId) {
        Map<String, Object> out = new LinkedHashMap<>();
        Project p = lakebase.postgres().getProject(Names.project(projectId));
        out.put("project", Views.of(p));
        String branchName = p.getStatus() == null ? null : p.getStatus().getDefaultBranch();
        String text = "Created project " + projectId + ".";
        if (branchName != null) {
            out.put("default_branch", Views.of(lakebase.postgres().getBranch(branchName)));
            for (Endpoint e : lakebase.postgres().listEndpoints(branchName)) {
                Map<String, Object> ev = Views.of(e);
                out.put("endpoint", ev);
                text += " Default branch " + Names.lastId(branchName) + ", endpoint " + ev.get("endpoint_id")
                        + " at " + ev.get("hosts") + ", database " + Names.DEFAULT_DATABASE
                        + ". Next: get_connection_string or run_sql.";
                break;
            }
        }
        return ToolResult.ok(out, text);
    }

    ToolResult update(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        List<String> mask = new ArrayList<>();
        ProjectSpec spec = new ProjectSpec();
        args.string("display_name").ifPresent(n -> {
            spec.setDisplayName(n);
            mask.add("spec.display_name");
        });
        if (mask.isEmpty()) {
            return ToolResult.invalid("nothing to change: give display_name");
        }
        String name = Names.project(projectId);
        var op = lakebase.postgres().updateProject(new UpdateProjectRequest().setName(name)
                .setProject(new Project().setName(name).setSpec(spec))
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(mask).build()));
        return operations.finish(op.getName(), "Updating project " + projectId, ctx,
                () -> ToolResult.ok(Map.of("project", Views.of(lakebase.postgres().getProject(name))),
                        "Updated project " + projectId + ": " + String.join(", ", mask)),
                Map.of("project", Map.of("project_id", projectId)), "describe_project");
    }

    ToolResult delete(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String name = Names.project(projectId);
        var op = lakebase.postgres().deleteProject(name);
        return operations.finish(op.getName(), "Deleting project " + projectId, ctx,
                () -> ToolResult.ok(Map.of("deleted", name), "Deleted project " + projectId
                        + " with all its branches and data."),
                Map.of("deleted", name), "list_projects");
    }
}
