package dev.lakebasemcp.server.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resources (the project tree), prompts (safe migration, connect an app) and completions for project and
 * branch ids. Everything here only reads; the project scope applies as it does to tools.
 */
public final class Features {

    static final String TREE_URI = "lakebase://projects";
    static final String PROJECT_TEMPLATE = "lakebase://projects/{project_id}";
    private static final Pattern PROJECT_URI = Pattern.compile("^lakebase://projects/([a-z][a-z0-9-]{0,62})$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ProjectTree> tree;

    public Features(Supplier<Lakebase> lakebase, Optional<String> scope) {
        this.tree = () -> new ProjectTree(lakebase.get(), scope);
    }

    public <S extends McpServer.SyncSpecification<S>> void addTo(McpServer.SyncSpecification<S> spec) {
        spec.resources(new SyncResourceSpecification(McpSchema.Resource.builder().uri(TREE_URI).name("projects")
                .title("Lakebase project tree").mimeType("application/json")
                .description("Every project with its branches and their endpoints (computes), as JSON.").build(),
                (exchange, request) -> json(request.uri(), tree.get().all())));
        spec.resourceTemplates(new SyncResourceTemplateSpecification(new McpSchema.ResourceTemplate(PROJECT_TEMPLATE,
                "project", "One Lakebase project", "A project with its branches and their endpoints, as JSON.",
                "application/json", null), (exchange, request) -> {
                    Matcher m = PROJECT_URI.matcher(request.uri());
                    if (!m.matches()) {
                        throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-32602,
                                "resource uri must be lakebase://projects/{project_id}, got " + request.uri(), null));
                    }
                    try {
                        return json(request.uri(), tree.get().project(m.group(1)));
                    } catch (IllegalArgumentException e) {
                        throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(-32602, e.getMessage(), null));
                    }
                }));
        spec.prompts(Prompts.safeMigration(), Prompts.connectApp());
        List<SyncCompletionSpecification> completions = new ArrayList<>();
        for (String prompt : List.of(Prompts.SAFE_MIGRATION, Prompts.CONNECT_APP)) {
            completions.add(new SyncCompletionSpecification(new McpSchema.PromptReference(prompt),
                    (exchange, request) -> complete(request)));
        }
        completions.add(new SyncCompletionSpecification(new McpSchema.ResourceReference(PROJECT_TEMPLATE),
                (exchange, request) -> complete(request)));
        spec.completions(completions);
    }

    /** Project ids for {@code project_id}, branch ids of the chosen project for {@code branch_id}. */
    McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
        String arg = request.argument().name();
        String prefix = request.argument().value() == null ? "" : request.argument().value().toLowerCase(Locale.ROOT);
        List<String> candidates;
        if ("project_id".equals(arg)) {
            candidates = tree.get().projectIds();
        } else if ("branch_id".equals(arg)) {
            String project = request.context() == null || request.context().arguments() == null ? null
                    : request.context().arguments().get("project_id");
            candidates = project == null ? List.of() : tree.get().branchIds(project);
        } else {
            candidates = List.of();
        }
        List<String> values = new ArrayList<>();
        for (String c : candidates) {
            if (c.startsWith(prefix) && values.size() < 100) {
                values.add(c);
            }
        }
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false));
    }

    private static McpSchema.ReadResourceResult json(String uri, Map<String, Object> value) {
        try {
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "application/json",
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
