package dev.lakebasemcp.tools.call;

/** The code behind one tool. Reached only through the server's guard. */
@FunctionalInterface
public interface ToolHandler {
    ToolResult call(Arguments args, CallContext context);
}
