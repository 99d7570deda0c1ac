package dev.lakebasemcp.tools.branches;

import com.databricks.sdk.service.postgres.Branch;
import com.databricks.sdk.service.postgres.BranchSpec;
import com.databricks.sdk.service.postgres.CreateBranchRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.UpdateBranchRequest;
import com.google.protobuf.FieldMask;
import dev.lakebasemcp.tools.call.ArgumentException;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.call.CallContext;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.call.ToolResult;
import dev.lakebasemcp.tools.lakebase.Defaults;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import dev.lakebasemcp.tools.lakebase.Names;
import dev.lakebasemcp.tools.lakebase.Operations;
import dev.lakebasemcp.tools.lakebase.Reads;
import dev.lakebasemcp.tools.lakebase.Views;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Handlers for the branch tools. */
public final class BranchTools {

    private final Lakebase lakebase;
    private final Operations operations;
    private final Defaults defaults;
    private final BranchReset reset;

    public BranchTools(Lakebase lakebase, Operations operations, BranchReset reset) {
        this.lakebase = lakebase;
        this.operations = operations;
        this.defaults = new Defaults(lakebase);
        this.reset = reset;
    }

    public void register(Map<String, ToolHandler> handlers) {
        handlers.put("list_branches", this::list);
        handlers.put("describe_branch", this::describe);
        handlers.put("create_branch", this::create);
        handlers.put("update_branch", this::update);
        handlers.put("reset_branch", this::reset);
        handlers.put("delete_branch", this::delete);
    }

    ToolResult list(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        List<Map<String, Object>> branches = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Branch b : lakebase.postgres().listBranches(Names.project(projectId))) {
            Map<String, Object> v = Views.of(b);
            branches.add(v);
            text.append("\n- ").append(v.get("branch_id")).append(" [").append(v.get("state")).append(']')
                    .append(Boolean.TRUE.equals(v.get("is_default")) ? " default" : "")
                    .append(Boolean.TRUE.equals(v.get("is_protected")) ? " protected" : "")
                    .append(v.get("source_branch") == null ? "" : " from " + Names.lastId((String) v.get("source_branch")))
                    .append(v.get("expire_time") == null ? "" : " expires " + v.get("expire_time"));
        }
        return ToolResult.ok(Map.of("branches", branches),
                branches.size() + " branch(es) in " + projectId + ":" + text);
    }

    ToolResult describe(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = defaults.branchId(args);
        String name = Names.branch(projectId, branchId);
        // Four independent reads, side by side.
        Reads.Pending<List<Map<String, Object>>> endpoints = Reads.start(
                () -> Views.all(lakebase.postgres().listEndpoints(name)));
        Reads.Pending<List<Map<String, Object>>> databases = Reads.start(
                () -> Views.all(lakebase.postgres().listDatabases(name)));
        Reads.Pending<List<Map<String, Object>>> roleList = Reads.start(
                () -> Views.all(lakebase.postgres().listRoles(name)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("branch", Views.of(lakebase.postgres().getBranch(name)));
        List<Map<String, Object>> eps = endpoints.get();
        List<Map<String, Object>> dbs = databases.get();
        List<Map<String, Object>> roles = roleList.get();
        out.put("endpoints", eps);
        out.put("databases", dbs);
        out.put("roles", roles);
        return ToolResult.ok(out, "Branch " + branchId + " of " + projectId + ": " + eps.size() + " endpoint(s), "
                + dbs.size() + " database(s), " + roles.size() + " role(s).");
    }

    ToolResult create(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = args.requiredString("branch_id");
        BranchSpec spec = expiration(args, new BranchSpec(), new ArrayList<>());
        String source = args.string("source_branch_id").orElseGet(() -> defaults.defaultBranchOf(projectId));
        spec.setSourceBranch(Names.branch(projectId, source));
        var op = lakebase.postgres().createBranch(new CreateBranchRequest().setParent(Names.project(projectId))
                .setBranchId(branchId).setBranch(new Branch().setSpec(spec)));
        String name = Names.branch(projectId, branchId);
        return operations.finish(op.getName(), "Creating branch " + branchId, ctx, () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("branch", Views.of(lakebase.postgres().getBranch(name)));
            String text = "Created branch " + branchId + " from " + source + ".";
            for (Endpoint e : lakebase.postgres().listEndpoints(name)) {
                Map<String, Object> ev = Views.of(e);
                out.put("endpoint", ev);
                text += " Endpoint " + ev.get("endpoint_id") + " is " + ev.get("state") + ".";
                break;
            }
            return ToolResult.ok(out, text);
        }, Map.of("branch", Map.of("branch_id", branchId, "state", "INIT")), "describe_branch");
    }

    ToolResult update(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = args.requiredString("branch_id");
        List<String> mask = new ArrayList<>();
        BranchSpec spec = new BranchSpec();
        args.bool("is_protected").ifPresent(p -> {
            spec.setIsProtected(p);
            mask.add("spec.is_protected");
        });
        if (args.has("ttl") || args.has("no_expiry")) {
            expiration(args, spec, mask);
        }
        if (mask.isEmpty()) {
            return ToolResult.invalid("nothing to change: give is_protected, ttl or no_expiry");
        }
        String name = Names.branch(projectId, branchId);
        var op = lakebase.postgres().updateBranch(new UpdateBranchRequest().setName(name)
                .setBranch(new Branch().setName(name).setSpec(spec))
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(mask).build()));
        return operations.finish(op.getName(), "Updating branch " + branchId, ctx,
                () -> ToolResult.ok(Map.of("branch", Views.of(lakebase.postgres().getBranch(name))),
                        "Updated branch " + branchId + ": " + String.join(", ", mask)),
                Map.of("branch", Map.of("branch_id", branchId)), "describe_branch");
    }

    ToolResult reset(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = args.requiredString("branch_id");
        return reset.reset(Names.branch(projectId, branchId), ctx);
    }

    ToolResult delete(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = args.requiredString("branch_id");
        String name = Names.branch(projectId, branchId);
        var op = lakebase.postgres().deleteBranch(name);
        return operations.finish(op.getName(), "Deleting branch " + branchId, ctx,
                () -> ToolResult.ok(Map.of("deleted", name), "Deleted branch " + branchId + " with its endpoints and data."),
                Map.of("deleted", name), "list_branches");
    }

    /** Sets ttl or no_expiry on {@code spec}; exactly one is required on create. */
    private static BranchSpec expiration(Arguments args, BranchSpec spec, List<String> mask) {
        boolean noExpiry = args.bool("no_expiry").orElse(false);
        var ttl = args.duration("ttl");
        if (noExpiry && ttl.isPresent()) {
            throw new ArgumentException("give either ttl or no_expiry=true, not both");
        }
        if (!noExpiry && ttl.isEmpty()) {
            throw new ArgumentException("an expiration is required: pass ttl (e.g. 4h, at most 30d) or no_expiry=true");
        }
        if (ttl.isPresent()) {
            Duration d = ttl.get();
            if (d.compareTo(Duration.ofDays(30)) > 0) {
                throw new ArgumentException("ttl must be at most 30 days, got " + d.toHours() + " hours: pass a "
                        + "shorter ttl or no_expiry=true");
            }
            spec.setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).build());
        } else {
            spec.setNoExpiry(true);
        }
        mask.add("spec.expiration");
        return spec;
    }
}
