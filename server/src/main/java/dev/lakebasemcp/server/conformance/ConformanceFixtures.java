package dev.lakebasemcp.server.conformance;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Role;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixture tools, resources and prompts that the MCP conformance suite calls by fixed names. Added only
 * with --conformance-fixtures; never part of the product's catalog. The names and answers follow
 * {@code @modelcontextprotocol/conformance} 0.1.16 ({@code src/scenarios/server/*.ts}); {@code bin/conformance}
 * runs that suite against the server.
 */
public final class ConformanceFixtures {

    /** Every fixture tool name: tests check that none of them is served without the flag. */
    public static final List<String> TOOL_NAMES = FixtureTools.all().stream().map(t -> t.tool().name()).toList();

    private static final Pattern TEMPLATE_URI = Pattern.compile("test://template/([^/]+)/data");
    private static final List<String> COMPLETION_WORDS = List.of("paris", "park", "party", "test", "testing");

    private ConformanceFixtures() {
    }

    public static <S extends McpServer.SyncSpecification<S>> void addTo(McpServer.SyncSpecification<S> spec) {
        spec.tools(FixtureTools.all())
                .resources(resources())
                .resourceTemplates(template())
                .prompts(prompts())
                .completions(completion());
    }

    private static List<SyncResourceSpecification> resources() {
        return List.of(
                textResource("test://static-text", "static-text", "A static text resource",
                        "This is the content of the static text resource."),
                new SyncResourceSpecification(
                        McpSchema.Resource.builder("test://static-binary", "static-binary")
                                .description("A static binary resource (a PNG image)").mimeType("image/png").build(),
                        (ex, req) -> new ReadResourceResult(List.of(
                                new McpSchema.BlobResourceContents("test://static-binary", "image/png", FixtureTools.PNG)))),
                // The SDK answers resources/subscribe and unsubscribe itself once the capability is declared.
                textResource("test://watched-resource", "watched-resource", "A resource a client may subscribe to",
                        "Watched resource content"));
    }

    private static SyncResourceSpecification textResource(String uri, String name, String description, String text) {
        return new SyncResourceSpecification(
                McpSchema.Resource.builder(uri, name).description(description).mimeType("text/plain").build(),
                (ex, req) -> new ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "text/plain", text))));
    }

    private static SyncResourceTemplateSpecification template() {
        return new SyncResourceTemplateSpecification(
                McpSchema.ResourceTemplate.builder("test://template/{id}/data", "template")
                        .description("A resource template with parameter substitution").mimeType("application/json")
                        .build(),
                (ex, req) -> {
                    Matcher m = TEMPLATE_URI.matcher(req.uri());
                    String id = m.matches() ? m.group(1) : "";
                    String json = "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}";
                    return new ReadResourceResult(List.of(
                            new McpSchema.TextResourceContents(req.uri(), "application/json", json)));
                });
    }

    private static List<SyncPromptSpecification> prompts() {
        return List.of(
                new SyncPromptSpecification(
                        new McpSchema.Prompt("test_simple_prompt", "A simple prompt without arguments", List.of()),
                        (ex, req) -> new GetPromptResult(null, List.of(user(
                                new McpSchema.TextContent("This is a simple prompt for testing."))))),
                new SyncPromptSpecification(
                        new McpSchema.Prompt("test_prompt_with_arguments", "A prompt with required arguments", List.of(
                                new PromptArgument("arg1", "First test argument", true),
                                new PromptArgument("arg2", "Second test argument", true))),
                        (ex, req) -> new GetPromptResult(null, List.of(user(new McpSchema.TextContent(
                                "Prompt with arguments: arg1='" + arg(req, "arg1") + "', arg2='" + arg(req, "arg2")
                                        + "'"))))),
                new SyncPromptSpecification(
                        new McpSchema.Prompt("test_prompt_with_embedded_resource",
                                "A prompt that includes an embedded resource",
                                List.of(new PromptArgument("resourceUri", "URI of the resource to embed", true))),
                        (ex, req) -> new GetPromptResult(null, List.of(
                                user(new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                                        arg(req, "resourceUri"), "text/plain", "Embedded resource content for testing."))),
                                user(new McpSchema.TextContent("Please process the embedded resource above."))))),
                new SyncPromptSpecification(
                        new McpSchema.Prompt("test_prompt_with_image", "A prompt that includes image content", List.of()),
                        (ex, req) -> new GetPromptResult(null, List.of(
                                user(new McpSchema.ImageContent(null, FixtureTools.PNG, "image/png")),
                                user(new McpSchema.TextContent("Please analyze the image above."))))));
    }

    private static PromptMessage user(McpSchema.Content content) {
        return new PromptMessage(Role.USER, content);
    }

    private static String arg(McpSchema.GetPromptRequest req, String name) {
        Map<String, Object> args = req.arguments();
        Object v = args == null ? null : args.get(name);
        return v == null ? "" : v.toString();
    }

    /** Completes test_prompt_with_arguments' arguments from a fixed word list, by prefix. */
    private static SyncCompletionSpecification completion() {
        return new SyncCompletionSpecification(new McpSchema.PromptReference("test_prompt_with_arguments"),
                (ex, req) -> {
                    String prefix = req.argument().value() == null ? ""
                            : req.argument().value().toLowerCase(Locale.ROOT);
                    List<String> values = COMPLETION_WORDS.stream().filter(w -> w.startsWith(prefix)).toList();
                    return new McpSchema.CompleteResult(
                            new McpSchema.CompleteResult.CompleteCompletion(values, values.size(), false));
                });
    }
}
