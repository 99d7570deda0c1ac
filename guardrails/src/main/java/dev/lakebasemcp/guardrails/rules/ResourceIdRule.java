package dev.lakebasemcp.guardrails.rules;

import java.util.Optional;

/**
 * Lakebase resource ids (project, branch, endpoint, database, role ids) follow RFC 1123 labels:
 * 1-63 characters of lowercase letters, digits and hyphens, starting with a lowercase letter and not
 * ending with a hyphen.
 */
public final class ResourceIdRule {
    public static final int MAX_LENGTH = 63;

    private ResourceIdRule() {
    }

    /**
     * Checks one id. {@code field} is the argument name the caller received it under
     * ({@code branch_id}), so the message points at what the agent typed.
     */
    public static Optional<Violation> check(String field, String id) {
        if (id == null || id.isEmpty()) {
            return violation(field, "id_required", field + " is required: pass 1-" + MAX_LENGTH
                    + " lowercase letters, digits or hyphens, starting with a letter");
        }
        if (id.length() > MAX_LENGTH) {
            return violation(field, "id_length", field + " must be at most " + MAX_LENGTH
                    + " characters (RFC 1123), got " + id.length() + suggestion(id));
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isIdChar(c)) {
                return violation(field, "id_charset", field + " may hold only lowercase letters, digits and hyphens"
                        + " (RFC 1123), got " + quote(id) + " with " + describe(c) + " at position " + (i + 1)
                        + suggestion(id));
            }
        }
        if (!isLowerLetter(id.charAt(0))) {
            return violation(field, "id_start", field + " must start with a lowercase letter (RFC 1123), got "
                    + quote(id) + suggestion(id));
        }
        if (id.charAt(id.length() - 1) == '-') {
            return violation(field, "id_end", field + " must not end with a hyphen (RFC 1123), got "
                    + quote(id) + suggestion(id));
        }
        return Optional.empty();
    }

    public static boolean isValid(String id) {
        return check("id", id).isEmpty();
    }

    /** A nearby valid id, so the message can say what to pass instead; empty when none can be derived. */
    public static Optional<String> suggest(String id) {
        if (id == null) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(Math.min(id.length(), MAX_LENGTH + 1));
        for (int i = 0; i < id.length() && b.length() < MAX_LENGTH; i++) {
            char c = Character.toLowerCase(id.charAt(i));
            if (isIdChar(c)) {
                if (b.length() == 0 && !isLowerLetter(c)) {
                    continue;
                }
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
            b.setLength(b.length() - 1);
        }
        String s = b.toString();
        return s.isEmpty() || s.equals(id) ? Optional.empty() : Optional.of(s);
    }

    private static String suggestion(String id) {
        return suggest(id).map(s -> ": try " + quote(s)).orElse(": use lowercase letters, digits and hyphens");
    }

    private static boolean isIdChar(char c) {
        return isLowerLetter(c) || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static String describe(char c) {
        if (c >= 'A' && c <= 'Z') {
            return "uppercase '" + c + "'";
        }
        if (c == ' ') {
            return "a space";
        }
        if (c < 0x20 || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static Optional<Violation> violation(String field, String rule, String message) {
        return Optional.of(new Violation(field, rule, message));
    }
}
