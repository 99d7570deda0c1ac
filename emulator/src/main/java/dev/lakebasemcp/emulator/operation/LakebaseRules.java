package dev.lakebasemcp.emulator.operation;

import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.guardrails.rules.BranchFacts;
import dev.lakebasemcp.guardrails.rules.BranchRules;
import dev.lakebasemcp.guardrails.rules.ComputeRules;
import dev.lakebasemcp.guardrails.rules.ResourceIdRule;
import dev.lakebasemcp.guardrails.rules.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Lakebase's rules answered as a workspace answers them. The checks are guardrails' (the server's guard
 * calls the same ones); this class only turns a {@link Violation} into the HTTP status, {@code error_code}
 * and message the SDK maps to the exception a workspace causes. Where the real API's words are known
 * (research/lakebase-api.md section 2.6) the error carries them; otherwise the rule's own message.
 */
final class LakebaseRules {

    static final BranchRules BRANCHES = BranchRules.lakebaseDefaults();
    static final ComputeRules COMPUTES = ComputeRules.lakebaseDefaults();

    /** The pattern the real API names when it refuses an id; ResourceIdRule checks the same RFC 1123 label. */
    static final String ID_PATTERN = "^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$";

    private LakebaseRules() {
    }

    /** Throws the refusal for {@code violation}, if any; {@code subject} is the id or resource name checked. */
    static void check(Optional<Violation> violation, String subject) throws Refusal {
        if (violation.isPresent()) {
            throw new Refusal(error(violation.get(), subject));
        }
    }

    static ApiError error(Violation v, String subject) {
        return switch (v.rule()) {
            // verified wordings (research section 2.6)
            case "id_required" -> ApiError.required(v.field());
            case "id_length", "id_charset", "id_start", "id_end" -> ApiError.invalid("Field " + v.field()
                    + " must match pattern " + ID_PATTERN + ", got '" + subject + "'.");
            case "protected_branch_delete" -> ApiError.badRequest("cannot delete protected branch");
            case "default_branch_delete" -> ManagedByParent.error("Cannot delete root branch '" + subject
                    + "'. Root branches cannot be deleted independently.");
            // BAD_REQUEST, not RESOURCE_EXHAUSTED for the branch limit: the SDK retries RESOURCE_EXHAUSTED as a rate limit
            case "branch_limit", "branch_has_children", "root_branch_reset" -> ApiError.badRequest(v.message());
            default -> ApiError.invalid(v.message());
        };
    }

    static void id(String field, String value) throws Refusal {
        check(ResourceIdRule.check(field, value), value);
    }

    /** What the branch rules need to know about {@code b}. */
    static BranchFacts facts(LocalWorkspace ws, Branch b) {
        int children = (int) ws.store().children(b.parent(), Branch.class).stream()
                .filter(other -> b.branchId().equals(other.sourceBranchId())).count();
        return new BranchFacts(b.branchId(), b.isDefault(), b.isProtected(), b.sourceBranchId() == null, children);
    }

    /** Lakebase Local's own rule (guardrails has none for credentials): 300 s to 1 hour. */
    static void credentialTtl(Duration ttl) throws Refusal {
        long seconds = ttl.getSeconds();
        if (seconds < 300 || seconds > 3600) {
            throw new Refusal(ApiError.invalid("ttl must be between 300s and 3600s, got " + seconds + "s"));
        }
    }

    /** Lakebase Local's own rule: a Postgres identifier as Lakebase accepts for names, 1-63 bytes, no NUL. */
    static void postgresName(String field, String value) throws Refusal {
        if (value == null || value.isEmpty()) {
            throw new Refusal(ApiError.required(field));
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > 63 || value.indexOf('\0') >= 0) {
            throw new Refusal(ApiError.invalid("Field " + field + " must be a valid Postgres identifier"
                    + " (1-63 bytes), got '" + value + "'."));
        }
    }
}
