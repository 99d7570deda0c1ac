package dev.lakebasemcp.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Autoscaling and suspension of a compute: CU range, and either a suspend timeout or no suspension.
 * {@code suspendTimeoutSeconds} is null exactly when {@code noSuspension} is true. Stored and reported;
 * Lakebase Local does not yet suspend or resize anything.
 */
public record ComputeSettings(double minCu, double maxCu, Long suspendTimeoutSeconds, boolean noSuspension,
        JsonNode pgSettings) {

    public ComputeSettings {
        if (noSuspension == (suspendTimeoutSeconds != null)) {
            throw new IllegalArgumentException("exactly one of suspendTimeoutSeconds and noSuspension");
        }
    }
}
