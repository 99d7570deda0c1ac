package dev.lakebasemcp.server.conformance;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The tools the conformance suite calls by name (@modelcontextprotocol/conformance 0.1.16,
 * src/scenarios/server/tools.ts, elicitation-*.ts, json-schema-2020-12.ts, sse-polling.ts). Each does exactly
 * what its scenario describes and nothing else.
 */
final class FixtureTools {

    /** A 1x1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    /** A WAV header with one 16-bit sample at 8 kHz. */
    static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    private static final Map<String, Object> NO_ARGUMENTS = Map.of("type", "object", "properties", Map.of());

    private FixtureTools() {
    }

    static List<SyncToolSpecification> all() {
        return List.of(
                tool("test_simple_text", "Returns one text item.", NO_ARGUMENTS,
                        (ex, req) -> ok(text("This is a simple text response for testing."))),
                tool("test_image_content", "Returns one PNG image item.", NO_ARGUMENTS,
                        (ex, req) -> ok(image())),
                tool("test_audio_content", "Returns one WAV audio item.", NO_ARGUMENTS,
                        (ex, req) -> ok(McpSchema.AudioContent.builder(WAV, "audio/wav").build())),
                tool("test_embedded_resource", "Returns one embedded text resource.", NO_ARGUMENTS,
                        (ex, req) -> ok(embedded("test://embedded-resource", "text/plain",
                                "This is an embedded resource content."))),
                tool("test_multiple_content_types", "Returns text, an image and an embedded resource.", NO_ARGUMENTS,
                        (ex, req) -> ok(text("Multiple content types test:"),
                                image(),
                                embedded("test://mixed-content-resource", "application/json",
                                        "{\"test\":\"data\",\"value\":123}"))),
                tool("test_tool_with_logging", "Sends three info log notifications while it runs.", NO_ARGUMENTS,
                        FixtureTools::withLogging),
                tool("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100 while it runs.", NO_ARGUMENTS,
                        FixtureTools::withProgress),
                tool("test_error_handling", "Always fails, as a tool error (isError), not a protocol error.",
                        NO_ARGUMENTS, (ex, req) -> CallToolResult.builder()
                                .addTextContent("This tool intentionally returns an error for testing").isError(true)
                                .build()),
                tool("test_reconnection", "Answers after a short pause (SEP-1699 polling scenario).", NO_ARGUMENTS,
                        (ex, req) -> {
                            pause(100);
                            return ok(text("Reconnection test completed successfully."));
                        }),
                tool("test_sampling", "Asks the client's LLM to answer the prompt (sampling/createMessage).",
                        oneString("prompt", "The prompt to send to the LLM"), FixtureTools::sampling),
                tool("test_elicitation", "Asks the user for a username and an email (elicitation/create).",
                        oneString("message", "The message to show the user"), (ex, req) -> elicit(ex, "User response: ",
                                String.valueOf(req.arguments().get("message")), userSchema())),
                tool("test_elicitation_sep1034_defaults", "Elicitation whose fields carry defaults (SEP-1034).",
                        NO_ARGUMENTS, (ex, req) -> elicit(ex, "Elicitation completed: ",
                                "Please review and update the form fields with defaults", FixtureSchemas.defaults())),
                tool("test_elicitation_sep1330_enums", "Elicitation with the five enum forms (SEP-1330).",
                        NO_ARGUMENTS, (ex, req) -> elicit(ex, "Elicitation completed: ",
                                "Please select options from the enum fields", FixtureSchemas.enums())),
                tool("json_schema_2020_12_tool", "Echoes its arguments; its schema uses $schema, $defs and $ref.",
                        FixtureSchemas.jsonSchema202012(),
                        (ex, req) -> ok(text("JSON Schema 2020-12 tool called with: "
                                + req.arguments()))));
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
            BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(name, inputSchema).description(description).build())
                .callHandler(handler)
                .build();
    }

    private static CallToolResult ok(Content... content) {
        return CallToolResult.builder().content(List.of(content)).isError(false).build();
    }

    static McpSchema.TextContent text(String text) {
        return McpSchema.TextContent.builder(text).build();
    }

    static McpSchema.ImageContent image() {
        return McpSchema.ImageContent.builder(PNG, "image/png").build();
    }

    static McpSchema.EmbeddedResource embedded(String uri, String mimeType, String text) {
        return McpSchema.EmbeddedResource.builder(
                McpSchema.TextResourceContents.builder(uri, text).mimeType(mimeType).build()).build();
    }

    private static Map<String, Object> oneString(String field, String description) {
        return Map.of("type", "object",
                "properties", Map.of(field, Map.of("type", "string", "description", description)),
                "required", List.of(field));
    }

    private static CallToolResult withLogging(McpSyncServerExchange exchange, CallToolRequest request) {
        // The scenario wants several notifications spread over the call, ~50 ms apart.
        for (String step : List.of("Tool execution started", "Tool processing data", "Tool execution completed")) {
            exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder(McpSchema.LoggingLevel.INFO, step)
                    .logger("conformance-fixtures").build());
            if (!step.endsWith("completed")) {
                pause(50);
            }
        }
        return ok(text("Tool with logging executed successfully"));
    }

    private static CallToolResult withProgress(McpSyncServerExchange exchange, CallToolRequest request) {
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        if (token == null) {
            return ok(text("No progress token was sent, so no progress was reported."));
        }
        for (int done = 0; done <= 100; done += 50) {
            exchange.progressNotification(McpSchema.ProgressNotification.builder(token, done).total(100.0)
                    .message("Completed step " + done + " of 100").build());
            if (done < 100) {
                pause(50);
            }
        }
        return ok(text(String.valueOf(token)));
    }

    private static CallToolResult sampling(McpSyncServerExchange exchange, CallToolRequest request) {
        if (exchange.getClientCapabilities() == null || exchange.getClientCapabilities().sampling() == null) {
            return failed("the client did not declare the sampling capability");
        }
        String prompt = String.valueOf(request.arguments().get("prompt"));
        McpSchema.CreateMessageResult answer = exchange.createMessage(McpSchema.CreateMessageRequest.builder(
                List.of(McpSchema.SamplingMessage.builder(McpSchema.Role.USER, text(prompt)).build()), 100)
                .build());
        String text = answer.content() instanceof McpSchema.TextContent t ? t.text() : String.valueOf(answer.content());
        return ok(text("LLM response: " + text));
    }

    private static CallToolResult elicit(McpSyncServerExchange exchange, String prefix, String message,
            Map<String, Object> requestedSchema) {
        // createElicitation throws when the client did not declare elicitation (mcp-java-sdk.md).
        if (exchange.getClientCapabilities() == null || exchange.getClientCapabilities().elicitation() == null) {
            return failed("the client did not declare the elicitation capability");
        }
        McpSchema.ElicitResult answer = exchange.createElicitation(
                McpSchema.ElicitFormRequest.builder(message, requestedSchema).build());
        return ok(text(prefix + "action=" + answer.action().name().toLowerCase(java.util.Locale.ROOT)
                + ", content=" + (answer.content() == null ? Map.of() : answer.content())));
    }

    private static Map<String, Object> userSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("username", Map.of("type", "string", "description", "User's response"));
        properties.put("email", Map.of("type", "string", "description", "User's email address"));
        return Map.of("type", "object", "properties", properties, "required", List.of("username", "email"));
    }

    private static CallToolResult failed(String why) {
        return CallToolResult.builder().addTextContent(why).isError(true).build();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
