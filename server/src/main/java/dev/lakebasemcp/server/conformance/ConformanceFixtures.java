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
                        (ex, req) -> ReadResourceResult.builder(List.of(McpSchema.BlobResourceContents
                                .builder("test://static-binary", FixtureTools.PNG).mimeType("image/png").build())).build()),
                // The SDK answers resources/subscribe and unsubscribe itself once the capability is declared.
                textResource("test://watched-resource", "watched-resource", "A resource a client may subscribe to",
                        "Watched resource content"));
    }

    private static SyncResourceSpecification textResource(String uri, String name, String description, String text) {
        return new SyncResourceSpecification(
                McpSchema.Resource.builder(uri, name).description(description).mimeType("text/plain").build(),
                (ex, req) -> ReadResourceResult.builder(List.of(
                        McpSchema.TextResourceContents.builder(uri, text).mimeType("text/plain").build())).build());
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
                    return ReadResourceResult.builder(List.of(
                            McpSchema.TextResourceContents.builder(req.uri(), json).mimeType("application/json").build()))
                            .build();
                });
    }

    private static List<SyncPromptSpecification> prompts() {
        return List.of(
                new SyncPromptSpecification(prompt("test_simple_prompt", "A simple prompt without arguments"),
                        (ex, req) -> messages(user(FixtureTools.text("This is a simple prompt for testing.")))),
                new SyncPromptSpecification(prompt("test_prompt_with_arguments", "A prompt with required arguments",
                        required("arg1", "First test argument"), required("arg2", "Second test argument")),
                        (ex, req) -> messages(user(FixtureTools.text("Prompt with arguments: arg1='" + arg(req, "arg1")
                                + "', arg2='" + arg(req, "arg2") + "'")))),
                new SyncPromptSpecification(prompt("test_prompt_with_embedded_resource",
                        "A prompt that includes an embedded resource",
                        required("resourceUri", "URI of the resource to embed")),
                        (ex, req) -> messages(
                                user(FixtureTools.embedded(arg(req, "resourceUri"), "text/plain",
                                        "Embedded resource content for testing.")),
                                user(FixtureTools.text("Please process the embedded resource above.")))),
                new SyncPromptSpecification(prompt("test_prompt_with_image", "A prompt that includes image content"),
                        (ex, req) -> messages(user(FixtureTools.image()),
                                user(FixtureTools.text("Please analyze the image above.")))));
    }

    private static McpSchema.Prompt prompt(String name, String description, PromptArgument... arguments) {
        return McpSchema.Prompt.builder(name).description(description).arguments(List.of(arguments)).build();
    }

    private static PromptArgument required(String name, String description) {
        return PromptArgument.builder(name).description(description).required(true).build();
    }

    private static GetPromptResult messages(PromptMessage... messages) {
        return GetPromptResult.builder(List.of(messages)).build();
    }

    private static PromptMessage user(McpSchema.Content content) {
        return PromptMessage.builder(Role.USER, content).build();
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
