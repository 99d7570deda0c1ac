package dev.lakebasemcp.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakebasemcp.guardrails.rules.BranchRules;
import java.time.Instant;
import java.util.Optional;

/**
 * Resources as the API sends them: snake_case, RFC 3339 timestamps, {@code "300s"} durations, nulls left
 * out, effective values under {@code status} and no {@code spec} (the server materialises the spec).
 */
public final class WireFormat {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String METADATA_PREFIX = "type.googleapis.com/databricks.postgres.v1.";

    private WireFormat() {
    }

    public static String duration(long seconds) {
        return seconds + "s";
    }

    /** A protobuf JSON duration ({@code "300s"}, {@code "1.5s"}) in whole seconds, rounded up. */
    public static Optional<Long> parseDuration(String text) {
        return BranchRules.parseWireDuration(text)
                .map(d -> d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1);
    }

    private static void time(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static ObjectNode header(String name, String idField, String id, String parent, String uid,
            Instant created, Instant updated) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", name);
        node.put(idField, id);
        if (parent != null) {
            node.put("parent", parent);
        }
        if (uid != null) {
            node.put("uid", uid);
        }
        time(node, "create_time", created);
        time(node, "update_time", updated);
        return node;
    }

    public static ObjectNode computeSettings(ComputeSettings settings) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("autoscaling_limit_min_cu", settings.minCu());
        node.put("autoscaling_limit_max_cu", settings.maxCu());
        if (settings.noSuspension()) {
            node.put("no_suspension", true);
        } else {
            node.put("suspend_timeout_duration", duration(settings.suspendTimeoutSeconds()));
        }
        if (settings.pgSettings() != null) {
            node.set("pg_settings", settings.pgSettings());
        }
        return node;
    }

    public static ObjectNode project(Project p) {
        ObjectNode node = header(p.name(), "project_id", p.projectId(), null, p.uid(), p.createTime(),
                p.updateTime());
        ObjectNode status = node.putObject("status");
        status.put("project_id", p.projectId());
        status.put("display_name", p.displayName());
        status.put("pg_version", p.pgVersion());
        status.put("owner", p.owner());
        status.put("default_branch", Names.branch(p.projectId(), p.defaultBranchId()));
        status.put("history_retention_duration", duration(p.historyRetentionSeconds()));
        status.put("enable_pg_native_login", p.enablePgNativeLogin());
        status.put("branch_logical_size_limit_bytes", 8796093022208L);
        status.put("synthetic_storage_size_bytes", 0L);
        if (p.budgetPolicyId() != null) {
            status.put("budget_policy_id", p.budgetPolicyId());
        }
        if (p.customTags() != null) {
            status.set("custom_tags", p.customTags());
        }
        status.set("default_endpoint_settings", computeSettings(p.defaultEndpointSettings()));
        return node;
    }

    public static ObjectNode branch(Branch b, long logicalSizeBytes) {
        ObjectNode node = header(b.name(), "branch_id", b.branchId(), b.parent(), b.uid(), b.createTime(),
                b.updateTime());
        ObjectNode status = node.putObject("status");
        status.put("branch_id", b.branchId());
        status.put("current_state", b.state());
        time(status, "state_change_time", b.updateTime());
        status.put("default", b.isDefault());
        status.put("is_protected", b.isProtected());
        status.put("logical_size_bytes", logicalSizeBytes);
        time(status, "expire_time", b.expireTime());
        if (b.sourceBranchId() != null) {
            status.put("source_branch", Names.branch(b.projectId(), b.sourceBranchId()));
            time(status, "source_branch_time", b.sourceBranchTime());
        }
        return node;
    }

    /**
     * Lakebase gives every endpoint its own host name on port 5432; Lakebase Local's endpoints all live on
     * 127.0.0.1 and differ by port, so {@code hosts.host} is {@code 127.0.0.1:<port>}.
     */
    public static String host(Endpoint e) {
        return "127.0.0.1:" + e.port();
    }

    public static ObjectNode endpoint(Endpoint e) {
        ObjectNode node = header(e.name(), "endpoint_id", e.endpointId(), e.parent(), e.uid(), e.createTime(),
                e.updateTime());
        ObjectNode status = node.putObject("status");
        status.put("endpoint_id", e.endpointId());
        status.put("endpoint_type", e.endpointType());
        status.put("current_state", e.state());
        status.put("autoscaling_limit_min_cu", e.compute().minCu());
        status.put("autoscaling_limit_max_cu", e.compute().maxCu());
        if (!e.compute().noSuspension()) {
            status.put("suspend_timeout_duration", duration(e.compute().suspendTimeoutSeconds()));
        }
        status.put("disabled", e.disabled());
        time(status, "last_active_time", e.updateTime());
        ObjectNode settings = status.putObject("settings");
        settings.set("pg_settings", e.compute().pgSettings() == null
                ? MAPPER.createObjectNode() : e.compute().pgSettings());
        if (e.group() != null) {
            status.set("group", e.group());
        }
        ObjectNode hosts = status.putObject("hosts");
        if (e.readWrite()) {
            hosts.put("host", host(e));
        } else {
            hosts.put("host", host(e));
            hosts.put("read_only_host", host(e));
        }
        return node;
    }

    public static ObjectNode database(Database d) {
        ObjectNode node = header(d.name(), "database_id", d.databaseId(), d.parent(), null, d.createTime(),
                d.updateTime());
        ObjectNode status = node.putObject("status");
        status.put("database_id", d.databaseId());
        status.put("postgres_database", d.postgresDatabase());
        status.put("role", Names.child(d.projectId(), d.branchId(), "roles", d.roleId()));
        return node;
    }

    public static ObjectNode role(Role r) {
        ObjectNode node = header(r.name(), "role_id", r.roleId(), r.parent(), null, r.createTime(), r.updateTime());
        ObjectNode status = node.putObject("status");
        status.put("role_id", r.roleId());
        status.put("postgres_role", r.postgresRole());
        if (r.identityType() != null) {
            status.put("identity_type", r.identityType());
        }
        status.put("auth_method", r.authMethod());
        ArrayNode memberships = status.putArray("membership_roles");
        r.membershipRoles().forEach(memberships::add);
        ObjectNode attributes = status.putObject("attributes");
        attributes.put("createdb", r.createdb());
        attributes.put("createrole", r.createrole());
        attributes.put("bypassrls", r.bypassrls());
        return node;
    }

    public static ObjectNode error(ApiError e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error_code", e.errorCode());
        node.put("message", e.message());
        node.set("details", e.details() == null ? MAPPER.createArrayNode() : e.details());
        return node;
    }

    public static ObjectNode operation(OperationRecord op) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", op.name());
        node.putObject("metadata").put("@type", METADATA_PREFIX + op.metadataType() + "OperationMetadata");
        node.put("done", op.done());
        if (op.done() && op.error() != null) {
            node.set("error", error(op.error()));
        } else if (op.done()) {
            node.set("response", op.response());
        }
        return node;
    }

    /** What a finished delete carries: the SDK throws on a done operation without a response. */
    public static JsonNode emptyResponse() {
        return MAPPER.createObjectNode();
    }
}
