package dev.lakebasemcp.emulator.operation;

import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.Refusal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The paths of an {@code update_mask} (comma-joined on the wire); every update must name its fields. */
public record UpdateMask(Set<String> paths) {

    public UpdateMask {
        paths = Set.copyOf(paths);
    }

    public static UpdateMask parse(String wire) throws Refusal {
        if (wire == null || wire.isBlank()) {
            throw new Refusal(ApiError.required("update_mask"));
        }
        Set<String> paths = new LinkedHashSet<>();
        Arrays.stream(wire.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(paths::add);
        return new UpdateMask(paths);
    }

    /** True if the mask names {@code path}, a parent of it, or a field under it. */
    public boolean covers(String path) {
        for (String p : paths) {
            if (p.equals("*") || p.equals(path) || path.startsWith(p + ".") || p.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Refuses paths outside {@code allowed} (each allowed path also admits its sub-fields). */
    public void allowOnly(String kind, String... allowed) throws Refusal {
        for (String p : paths) {
            boolean ok = p.equals("*");
            for (String a : allowed) {
                ok |= p.equals(a) || p.startsWith(a + ".");
            }
            if (!ok) {
                throw new Refusal(ApiError.invalid("update_mask path '" + p + "' is not updatable on a " + kind
                        + "; updatable: " + String.join(", ", allowed)));
            }
        }
    }
}
