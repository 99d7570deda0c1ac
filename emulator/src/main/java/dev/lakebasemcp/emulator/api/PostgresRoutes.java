package dev.lakebasemcp.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.WireFormat;
import dev.lakebasemcp.emulator.operation.BranchOperations;
import dev.lakebasemcp.emulator.operation.Credentials;
import dev.lakebasemcp.emulator.operation.EndpointOperations;
import dev.lakebasemcp.emulator.operation.PostgresObjects;
import dev.lakebasemcp.emulator.operation.ProjectOperations;
import dev.lakebasemcp.emulator.operation.UpdateMask;
import dev.lakebasemcp.emulator.store.MetadataStore;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/2.0/postgres/...}: resource names go into the path unescaped ({@code projects/p/branches/b}),
 * creates are {@code POST {parent}/{collection}?{kind}_id=}, get/update/delete act on {@code {name}}, and
 * {@code {name}/operations/{id}} is an operation.
 */
final class PostgresRoutes {

    static final String PREFIX = "/api/2.0/postgres/";
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 100;

    private final ProjectOperations projects;
    private final BranchOperations branches;
    private final EndpointOperations endpoints;
    private final PostgresObjects objects;
    private final Credentials credentials;
    private final MetadataStore store;

    PostgresRoutes(ProjectOperations projects, BranchOperations branches, EndpointOperations endpoints,
            PostgresObjects objects, Credentials credentials, MetadataStore store) {
        this.projects = projects;
        this.branches = branches;
        this.endpoints = endpoints;
        this.objects = objects;
        this.credentials = credentials;
        this.store = store;
    }

    Reply handle(String method, String path, Map<String, String> query, JsonNode body) throws Exception {
        String[] s = path.substring(PREFIX.length()).split("/");
        int n = s.length;
        if (n >= 2 && s[n - 2].equals("operations")) {
            requireMethod(method, "GET");
            OperationRecord op = store.operation(path.substring(PREFIX.length()))
                    .orElseThrow(() -> new Refusal(ApiError.notFound("operation")));
            return Reply.ok(WireFormat.operation(op));
        }
        if (n == 1 && s[0].equals("credentials")) {
            requireMethod(method, "POST");
            return Reply.ok(credentials.generate(body));
        }
        if (!s[0].equals("projects")) {
            throw notFoundRoute(method, path);
        }
        if (n == 1) {
            return method.equals("POST") ? operation(projects.create(query.get("project_id"), body))
                    : page(method, query, "projects", projects.list());
        }
        String p = s[1];
        if (n == 2) {
            switch (method) {
                case "GET": return Reply.ok(projects.get(p));
                case "PATCH": return operation(projects.update(p, body, UpdateMask.parse(query.get("update_mask"))));
                case "DELETE": return operation(projects.delete(p));
                default: throw notFoundRoute(method, path);
            }
        }
        if (!s[2].equals("branches")) {
            throw notFoundRoute(method, path);
        }
        if (n == 3) {
            return method.equals("POST") ? operation(branches.create(p, query.get("branch_id"), body))
                    : page(method, query, "branches", branches.list(p));
        }
        String b = s[3];
        if (n == 4) {
            switch (method) {
                case "GET": return Reply.ok(branches.get(p, b));
                case "PATCH":
                    return operation(branches.update(p, b, body, UpdateMask.parse(query.get("update_mask"))));
                case "DELETE": return operation(branches.delete(p, b));
                default: throw notFoundRoute(method, path);
            }
        }
        String collection = s[4];
        if (n == 5 && collection.equals("reset")) {
            requireMethod(method, "POST");
            return operation(branches.reset(p, b));
        }
        if (n == 5) {
            switch (collection + " " + method) {
                case "endpoints POST": return operation(endpoints.create(p, b, query.get("endpoint_id"), body));
                case "endpoints GET": return page(method, query, "endpoints", endpoints.list(p, b));
                case "databases POST": return operation(objects.createDatabase(p, b, query.get("database_id"), body));
                case "databases GET": return page(method, query, "databases", objects.listDatabases(p, b));
                case "roles POST": return operation(objects.createRole(p, b, query.get("role_id"), body));
                case "roles GET": return page(method, query, "roles", objects.listRoles(p, b));
                default: throw notFoundRoute(method, path);
            }
        }
        if (n != 6) {
            throw notFoundRoute(method, path);
        }
        String id = s[5];
        switch (collection + " " + method) {
            case "endpoints GET": return Reply.ok(endpoints.get(p, b, id));
            case "endpoints PATCH":
                return operation(endpoints.update(p, b, id, body, UpdateMask.parse(query.get("update_mask"))));
            case "endpoints DELETE": return operation(endpoints.delete(p, b, id));
            case "databases GET": return Reply.ok(objects.getDatabase(p, b, id));
            case "databases PATCH":
                return operation(objects.updateDatabase(p, b, id, body, UpdateMask.parse(query.get("update_mask"))));
            case "databases DELETE": return operation(objects.deleteDatabase(p, b, id));
            case "roles GET": return Reply.ok(objects.getRole(p, b, id));
            case "roles PATCH":
                return operation(objects.updateRole(p, b, id, body, UpdateMask.parse(query.get("update_mask"))));
            case "roles DELETE": return operation(objects.deleteRole(p, b, id, query.get("reassign_owned_to")));
            default: throw notFoundRoute(method, path);
        }
    }

    private static Reply operation(OperationRecord op) {
        return Reply.ok(WireFormat.operation(op));
    }

    private static void requireMethod(String method, String expected) throws Refusal {
        if (!method.equals(expected)) {
            throw new Refusal(ApiError.of(405, "METHOD_NOT_ALLOWED", method + " is not allowed here"));
        }
    }

    private static Refusal notFoundRoute(String method, String path) {
        return new Refusal(ApiError.of(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'"));
    }

    /** A page of {@code items}: the page token is the offset of the next item, as an opaque string. */
    private static Reply page(String method, Map<String, String> query, String field, List<JsonNode> items)
            throws Refusal {
        requireMethod(method, "GET");
        int size = DEFAULT_PAGE_SIZE;
        int offset = 0;
        try {
            if (query.get("page_size") != null) {
                size = Integer.parseInt(query.get("page_size"));
            }
            if (query.get("page_token") != null && !query.get("page_token").isEmpty()) {
                offset = Integer.parseInt(query.get("page_token"));
            }
        } catch (NumberFormatException e) {
            throw new Refusal(ApiError.invalid("page_size and page_token must be the values the API returned"));
        }
        if (size <= 0 || size > MAX_PAGE_SIZE) {
            size = size <= 0 ? DEFAULT_PAGE_SIZE : MAX_PAGE_SIZE;
        }
        ObjectNode result = WireFormat.MAPPER.createObjectNode();
        ArrayNode array = result.putArray(field);
        int end = Math.min(items.size(), offset + size);
        for (int i = Math.max(0, offset); i < end; i++) {
            array.add(items.get(i));
        }
        if (end < items.size()) {
            result.put("next_page_token", Integer.toString(end));
        }
        return Reply.ok(result);
    }
}
