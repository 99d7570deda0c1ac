package dev.lakebasemcp.server.guard;

import dev.lakebasemcp.guardrails.rules.BranchRules;
import dev.lakebasemcp.guardrails.rules.ComputeRules;
import dev.lakebasemcp.guardrails.rules.ResourceIdRule;
import dev.lakebasemcp.guardrails.rules.Violation;
import dev.lakebasemcp.tools.call.Arguments;
import dev.lakebasemcp.tools.lakebase.Facts;
import dev.lakebasemcp.tools.lakebase.Names;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lakebase's rules that no confirmation passes, applied to a tool call before any request is sent: ids,
 * branch expiry and count, compute sizes, and what may never happen to the production (default) branch,
 * a protected branch or a branch with children. Facts about existing resources come through the SDK.
 */
final class HardRules {

    private final Supplier<Facts> facts;
    private final BranchRules branchRules;
    private final ComputeRules computeRules;

    HardRules(Supplier<Facts> facts, BranchRules branchRules, ComputeRules computeRules) {
        this.facts = facts;
        this.branchRules = branchRules;
        this.computeRules = computeRules;
    }

    /** Every {@code *_id} argument is an RFC 1123 resource id. */
    static Optional<Violation> checkIds(Map<String, Object> raw) {
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (e.getKey().endsWith("_id") && e.getValue() instanceof String s) {
                Optional<Violation> bad = ResourceIdRule.check(e.getKey(), s);
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        return Optional.empty();
    }

    Optional<Violation> check(String tool, Map<String, Object> raw) {
        Arguments args = new Arguments(raw);
        Optional<Violation> ids = checkIds(raw);
        if (ids.isPresent()) {
            return ids;
        }
        switch (tool) {
            case "create_branch": {
                Optional<Violation> exp = branchRules.checkExpiration(args.duration("ttl").orElse(null),
                        args.bool("no_expiry").orElse(false));
                if (exp.isPresent()) {
                    return exp;
                }
                return branchRules.checkCanCreate(facts.get().unarchivedBranches(args.requiredString("project_id")));
            }
            case "update_branch":
                if (args.has("ttl") || args.has("no_expiry")) {
                    return branchRules.checkExpiration(args.duration("ttl").orElse(null), args.bool("no_expiry").orElse(false));
                }
                return Optional.empty();
            case "delete_branch":
                return branchRules.checkDelete(facts.get().branch(args.requiredString("project_id"), branchId(args)));
            case "reset_branch":
                return branchRules.checkReset(facts.get().branch(args.requiredString("project_id"), branchId(args)));
            case "create_endpoint":
            case "update_endpoint":
                return compute(tool, args);
            default:
                return Optional.empty();
        }
    }

    private Optional<Violation> compute(String tool, Arguments args) {
        Optional<Double> min = args.number("min_cu");
        Optional<Double> max = args.number("max_cu");
        if (min.isPresent() || max.isPresent()) {
            double lo;
            double hi;
            if (min.isPresent() && max.isPresent()) {
                lo = min.get();
                hi = max.get();
            } else if ("update_endpoint".equals(tool)) {
                Double[] current = facts.get().endpointSize(args.requiredString("project_id"), branchId(args),
                        args.string("endpoint_id").orElse(Names.PRIMARY_ENDPOINT));
                lo = min.orElse(current[0] == null ? max.get() : current[0]);
                hi = max.orElse(current[1] == null ? min.get() : current[1]);
            } else {
                lo = min.orElseGet(max::get);
                hi = max.orElseGet(min::get);
            }
            Optional<Violation> size = computeRules.checkSize(lo, hi);
            if (size.isPresent()) {
                return size;
            }
        }
        Optional<Long> suspend = args.integer("suspend_timeout_seconds");
        if (suspend.isPresent()) {
            return computeRules.checkSuspendTimeout(Duration.ofSeconds(suspend.get()));
        }
        return Optional.empty();
    }

    private String branchId(Arguments args) {
        return args.string("branch_id").orElseGet(() -> facts.get().defaultBranch(args.requiredString("project_id")));
    }
}
