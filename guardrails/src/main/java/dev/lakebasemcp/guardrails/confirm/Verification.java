package dev.lakebasemcp.guardrails.confirm;

import java.time.Instant;
import java.util.Objects;

/** The outcome of checking a confirmation token against the call it came with. */
public sealed interface Verification {

    /** The token was issued for exactly this call, has not expired and was not used before; it is now spent. */
    record Valid(Instant expiresAt) implements Verification {
        public Valid {
            Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        }
    }

    /** The call must not run on this token. {@code message} says why and what to do. */
    record Refused(Reason reason, String message) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    enum Reason {
        /** Not a token this server issues: garbage, truncated, padded or of another version. */
        MALFORMED,
        /** Well formed, but the signature does not verify: forged, altered, or signed with another key. */
        BAD_SIGNATURE,
        EXPIRED,
        /** Already used once (in this process: see {@link ConfirmationTokens}). */
        REPLAYED,
        OTHER_TOOL,
        OTHER_ARGUMENTS,
        /** Issued under another scope (another project, workspace or identity). */
        OTHER_SCOPE,
        /** The replay set is full; refusing is safer than forgetting spent tokens early. */
        OVERLOADED
    }
}
