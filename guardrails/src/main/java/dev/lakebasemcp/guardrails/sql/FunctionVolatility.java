package dev.lakebasemcp.guardrails.sql;

import java.util.Optional;

/**
 * Answers for functions the classifier does not know. The server fills it from {@code pg_proc}
 * (provolatile, prosecdef) of the database the SQL will run in; a STABLE or IMMUTABLE function
 * that is not SECURITY DEFINER is taken as a read (PostgreSQL refuses data changes inside
 * non-volatile functions). No answer means the function stays opaque.
 *
 * <p>Called only for names that are neither on the built-in read-only list nor on the deny list.
 * The name is as written in the SQL (unqualified names are not resolved against search_path:
 * answer for the function the session would call, or for the worst candidate).
 */
@FunctionalInterface
public interface FunctionVolatility {

    Optional<FunctionFacts> lookup(QualifiedName function);

    /** Knows nothing: every unknown function is opaque code. */
    static FunctionVolatility none() {
        return function -> Optional.empty();
    }
}
