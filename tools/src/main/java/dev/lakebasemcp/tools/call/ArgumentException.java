package dev.lakebasemcp.tools.call;

/** An argument broke a rule; the message names the field and the rule. Becomes an invalid_argument result. */
public final class ArgumentException extends RuntimeException {
    public ArgumentException(String message) {
        super(message, null, false, false);
    }
}
