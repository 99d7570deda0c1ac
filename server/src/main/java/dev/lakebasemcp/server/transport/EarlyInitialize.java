package dev.lakebasemcp.server.transport;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code initialize}, written before the MCP server is built.
 *
 * <p>An agent's client sends {@code initialize} the moment it spawns the server. Building the SDK's server and
 * letting it answer costs most of a start-up, nearly all of it Jackson introspecting the MCP records for the
 * first time, which no class-data archive can store. Everything in the answer is known as soon as the command
 * line is read: the protocol version chosen the SDK's way (the client's if supported, else the newest), the
 * capabilities, the server's name and version, the instructions. So the stdio transport writes this answer as
 * soon as the request is read and checked ({@link FrameCodec}, jackson-core alone), and hands the request on to
 * the SDK once the server is
 * built, which puts its session in the same state; the SDK's own answer to that request is then compared with
 * this one and dropped ({@link StdioTransport}). Anything unusual about the request (not the first line, an
 * odd id, no params object, capabilities or clientInfo that are not objects) and this steps aside: the SDK
 * answers.
 */
public final class EarlyInitialize {

    private final List<String> versions;
    private final String afterVersion;

    /**
     * @param versions the protocol versions the transport supports, oldest first (the SDK's order)
     * @param capabilities the {@code capabilities} object as the SDK serializes the server's
     */
    public EarlyInitialize(List<String> versions, String capabilities, String name, String version,
            String instructions) {
        this.versions = List.copyOf(versions);
        StringBuilder s = new StringBuilder(256 + instructions.length());
        s.append("\",\"capabilities\":").append(capabilities)
                .append(",\"serverInfo\":{\"name\":").append(FrameCodec.quote(name)).append(",\"version\":")
                .append(FrameCodec.quote(version)).append("},\"instructions\":").append(FrameCodec.quote(instructions))
                .append("}}\n");
        this.afterVersion = s.toString();
    }

    /** The answer's frame, with its newline, when {@code request} is a plain initialize request; else null. */
    byte[] answer(McpSchema.JSONRPCRequest request) {
        if (!McpSchema.METHOD_INITIALIZE.equals(request.method()) || !FrameCodec.answerable(request.id())
                || !(request.params() instanceof Map<?, ?> params)) {
            return null;
        }
        for (String object : List.of("capabilities", "clientInfo")) {
            if (params.containsKey(object) && !(params.get(object) instanceof Map)) {
                return null; // the SDK decides what such a request gets
            }
        }
        Object requested = params.get("protocolVersion");
        String chosen = requested instanceof String r && versions.contains(r) ? r : versions.get(versions.size() - 1);
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":" + FrameCodec.idJson(request.id())
                + ",\"result\":{\"protocolVersion\":\"" + chosen + afterVersion;
        return frame.getBytes(StandardCharsets.UTF_8);
    }
}
