package dev.lakebasemcp.tools.endpoints;

import com.databricks.sdk.service.postgres.CreateEndpointRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointSpec;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.UpdateEndpointRequest;
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
import dev.lakebasemcp.tools.lakebase.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Handlers for the endpoint (compute) tools. */
public final class EndpointTools {

    private final Lakebase lakebase;
    private final Operations operations;
    private final Defaults defaults;

    public EndpointTools(Lakebase lakebase, Operations operations) {
        this.lakebase = lakebase;
        this.operations = operations;
        this.defaults = new Defaults(lakebase);
    }

    public void register(Map<String, ToolHandler> handlers) {
        handlers.put("list_endpoints", this::list);
        handlers.put("describe_endpoint", this::describe);
        handlers.put("create_endpoint", this::create);
        handlers.put("update_endpoint", this::update);
        handlers.put("delete_endpoint", this::delete);
    }

    ToolResult list(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = defaults.branchId(args);
        List<Map<String, Object>> eps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Endpoint e : lakebase.postgres().listEndpoints(Names.branch(projectId, branchId))) {
            Map<String, Object> v = Views.of(e);
            eps.add(v);
            text.append("\n- ").append(v.get("endpoint_id")).append(' ').append(v.get("endpoint_type"))
                    .append(" [").append(v.get("state")).append("] ").append(v.get("autoscaling_limit_min_cu"))
                    .append('-').append(v.get("autoscaling_limit_max_cu")).append(" CU");
        }
        return ToolResult.ok(Map.of("endpoints", eps), eps.size() + " endpoint(s) on " + branchId + ":" + text);
    }

    ToolResult describe(Arguments args, CallContext ctx) {
        String name = name(args);
        Map<String, Object> v = Views.of(lakebase.postgres().getEndpoint(name));
        return ToolResult.ok(Map.of("endpoint", v), "Endpoint " + Names.lastId(name) + " " + v.get("endpoint_type")
                + " [" + v.get("state") + "] " + v.get("autoscaling_limit_min_cu") + "-"
                + v.get("autoscaling_limit_max_cu") + " CU");
    }

    ToolResult create(Arguments args, CallContext ctx) {
        String projectId = args.requiredString("project_id");
        String branchId = defaults.branchId(args);
        String endpointId = args.requiredString("endpoint_id");
        EndpointSpec spec = new EndpointSpec().setEndpointType(
                "read_write".equals(args.string("endpoint_type").orElse("read_only"))
                        ? EndpointType.ENDPOINT_TYPE_READ_WRITE : EndpointType.ENDPOINT_TYPE_READ_ONLY);
        sizing(args, spec, new ArrayList<>());
        String parent = Names.branch(projectId, branchId);
        var op = lakebase.postgres().createEndpoint(new CreateEndpointRequest().setParent(parent)
                .setEndpointId(endpointId).setEndpoint(new Endpoint().setSpec(spec)));
        String name = Names.endpoint(projectId, branchId, endpointId);
        return operations.finish(op.getName(), "Creating endpoint " + endpointId, ctx,
                () -> {
                    Map<String, Object> v = Views.of(lakebase.postgres().getEndpoint(name));
                    return ToolResult.ok(Map.of("endpoint", v), "Created endpoint " + endpointId + " ("
                            + v.get("endpoint_type") + ", " + v.get("state") + ").");
                },
                Map.of("endpoint", Map.of("endpoint_id", endpointId)), "describe_endpoint");
    }

    ToolResult update(Arguments args, CallContext ctx) {
        String name = name(args);
        List<String> mask = new ArrayList<>();
        EndpointSpec spec = sizing(args, new EndpointSpec(), mask);
        if (mask.isEmpty()) {
            return ToolResult.invalid("nothing to change: give min_cu, max_cu, suspend_timeout_seconds or no_suspension");
        }
        var op = lakebase.postgres().updateEndpoint(new UpdateEndpointRequest().setName(name)
                .setEndpoint(new Endpoint().setName(name).setSpec(spec))
                .setUpdateMask(FieldMask.newBuilder().addAllPaths(mask).build()));
        return operations.finish(op.getName(), "Updating endpoint " + Names.lastId(name), ctx,
                () -> ToolResult.ok(Map.of("endpoint", Views.of(lakebase.postgres().getEndpoint(name))),
                        "Updated endpoint " + Names.lastId(name) + ": " + String.join(", ", mask)),
                Map.of("endpoint", Map.of("endpoint_id", Names.lastId(name))), "describe_endpoint");
    }

    ToolResult delete(Arguments args, CallContext ctx) {
        String name = name(args);
        var op = lakebase.postgres().deleteEndpoint(name);
        return operations.finish(op.getName(), "Deleting endpoint " + Names.lastId(name), ctx,
                () -> ToolResult.ok(Map.of("deleted", name), "Deleted endpoint " + Names.lastId(name) + "."),
                Map.of("deleted", name), "list_endpoints");
    }

    private String name(Arguments args) {
        String projectId = args.requiredString("project_id");
        return Names.endpoint(projectId, defaults.branchId(args), defaults.endpointId(args));
    }

    private static EndpointSpec sizing(Arguments args, EndpointSpec spec, List<String> mask) {
        args.number("min_cu").ifPresent(v -> {
            spec.setAutoscalingLimitMinCu(v);
            mask.add("spec.autoscaling_limit_min_cu");
        });
        args.number("max_cu").ifPresent(v -> {
            spec.setAutoscalingLimitMaxCu(v);
            mask.add("spec.autoscaling_limit_max_cu");
        });
        boolean noSuspension = args.bool("no_suspension").orElse(false);
        if (noSuspension && args.has("suspend_timeout_seconds")) {
            throw new ArgumentException("give either suspend_timeout_seconds or no_suspension=true, not both");
        }
        args.integer("suspend_timeout_seconds").ifPresent(s -> {
            spec.setSuspendTimeoutDuration(com.google.protobuf.Duration.newBuilder().setSeconds(s).build());
            mask.add("spec.suspend_timeout_duration");
        });
        if (args.has("no_suspension")) {
            spec.setNoSuspension(noSuspension);
            mask.add("spec.no_suspension");
        }
        return spec;
    }
}
