package dev.lakebasemcp.guardrails.sql;

import java.util.List;
import java.util.Optional;

/**
 * A possibly qualified name as PostgreSQL reads it: unquoted parts folded to lowercase, quoted
 * parts as written. {@code [users]}, {@code [public, users]}, {@code [db, public, users]}.
 */
public record QualifiedName(List<String> parts) {
    public QualifiedName {
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > 3) {
            throw new IllegalArgumentException("a qualified name has 1-3 parts, got " + parts);
        }
    }

    public static QualifiedName of(String... parts) {
        return new QualifiedName(List.of(parts));
    }

    /** The last part: the object's own name. */
    public String name() {
        return parts.get(parts.size() - 1);
    }

    /** The schema, when the name was qualified. */
    public Optional<String> schema() {
        return parts.size() >= 2 ? Optional.of(parts.get(parts.size() - 2)) : Optional.empty();
    }

    @Override
    public String toString() {
        return String.join(".", parts);
    }
}
