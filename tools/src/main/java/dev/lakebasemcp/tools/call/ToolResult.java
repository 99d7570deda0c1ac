package dev.lakebasemcp.tools.call;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a handler gives back. Errors are values: a bug is the only reason to throw. */
public sealed interface ToolResult {

    /** Success: structured content for the client, and a short text for the agent to read. */
    record Ok(Map<String, Object> structured, String text) implements ToolResult {
        public Ok {
            // Insertion order kept: an agent reads fields in the order the handler put them.
            structured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(structured,
                    "structured")));
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Failure explained: {@code code} is stable for programs (e.g. {@code invalid_argument}), {@code message}
     * says what went wrong and {@code nextStep} what the agent should do about it.
     */
    record Failed(String code, String message, String nextStep, Map<String, Object> details) implements ToolResult {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        public Failed(String code, String message, String nextStep) {
            this(code, message, nextStep, Map.of());
        }

        public Map<String, Object> asStructured() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", code);
            m.put("message", message);
            if (nextStep != null) {
                m.put("next_step", nextStep);
            }
            m.putAll(details);
            return m;
        }
    }

    static Ok ok(Map<String, Object> structured, String text) {
        return new Ok(structured, text);
    }

    static Failed invalid(String message) {
        return new Failed("invalid_argument", message, "Fix the argument and call again.");
    }
}
