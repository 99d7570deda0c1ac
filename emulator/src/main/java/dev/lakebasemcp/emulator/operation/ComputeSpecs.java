package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.ComputeSettings;
import dev.lakebasemcp.emulator.model.Refusal;
import dev.lakebasemcp.emulator.model.WireFormat;
import java.time.Duration;

/** Reads CU ranges and suspension from a spec over a base, checking the rules on the result. */
final class ComputeSpecs {

    private ComputeSpecs() {
    }

    /**
     * {@code base} with the fields {@code spec} sets; {@code suspensionChanged} says whether the spec's
     * suspension fields apply (for updates, only when the mask names them).
     */
    static ComputeSettings merge(ComputeSettings base, JsonNode spec, boolean rangeChanged, boolean suspensionChanged,
            boolean settingsChanged) throws Refusal {
        double min = base.minCu();
        double max = base.maxCu();
        if (spec != null && rangeChanged) {
            JsonNode minNode = spec.get("autoscaling_limit_min_cu");
            JsonNode maxNode = spec.get("autoscaling_limit_max_cu");
            if (minNode != null && !minNode.isNull()) {
                min = minNode.asDouble();
            }
            if (maxNode != null && !maxNode.isNull()) {
                max = maxNode.asDouble();
            }
        }
        LakebaseRules.check(LakebaseRules.COMPUTES.checkSize(min, max), null);
        Long suspend = base.suspendTimeoutSeconds();
        boolean noSuspension = base.noSuspension();
        if (spec != null && suspensionChanged) {
            String timeout = LocalWorkspace.text(spec, "suspend_timeout_duration");
            boolean none = spec.path("no_suspension").asBoolean(false);
            if (timeout != null && none) {
                throw new Refusal(ApiError.invalid(
                        "suspend_timeout_duration and no_suspension cannot both be set"));
            }
            if (timeout != null) {
                long seconds = WireFormat.parseDuration(timeout).orElseThrow(() -> new Refusal(ApiError.invalid(
                        "suspend_timeout_duration must be a duration like \"300s\", got '" + timeout + "'")));
                LakebaseRules.check(LakebaseRules.COMPUTES.checkSuspendTimeout(Duration.ofSeconds(seconds)), timeout);
                suspend = seconds;
                noSuspension = false;
            } else if (none) {
                suspend = null;
                noSuspension = true;
            }
        }
        JsonNode pgSettings = base.pgSettings();
        if (spec != null && settingsChanged) {
            JsonNode candidate = spec.has("settings") ? spec.path("settings").get("pg_settings") : spec.get("pg_settings");
            if (candidate != null && !candidate.isNull()) {
                pgSettings = candidate;
            }
        }
        return new ComputeSettings(min, max, suspend, noSuspension, pgSettings);
    }
}
