package dev.lakebasemcp.guardrails.rules;

import java.util.Objects;

/**
 * What the branch rules need to know about one existing branch. The caller reads these from the
 * store or the API; the rules never look anything up.
 *
 * @param branchId the branch's id, for messages
 * @param isDefault the project's default branch (the {@code production} branch a project is created with)
 * @param isProtected {@code spec.is_protected}
 * @param isRoot the branch has no parent (no source branch)
 * @param children how many live branches were created from this one
 */
public record BranchFacts(String branchId, boolean isDefault, boolean isProtected, boolean isRoot, int children) {
    public BranchFacts {
        Objects.requireNonNull(branchId, "branchId must not be null");
        if (children < 0) {
            throw new IllegalArgumentException("children must be >= 0, got " + children);
        }
    }
}
