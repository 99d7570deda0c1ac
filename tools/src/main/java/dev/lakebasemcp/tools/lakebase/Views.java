package dev.lakebasemcp.tools.lakebase;

import com.databricks.sdk.core.utils.SerDeUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compact views of SDK resources for tool output: the wire form the SDK itself would send (snake_case,
 * RFC 3339 times, "300s" durations), flattened so that an agent reads {@code state} rather than
 * {@code status.current_state}. Spec is dropped: Lakebase reports effective values in status.
 */
public final class Views {

    // The SDK's own mapper knows its protobuf Timestamp/Duration types.
    private static final ObjectMapper MAPPER = SerDeUtils.createMapper();

    private Views() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(Object resource) {
        Map<String, Object> wire = MAPPER.convertValue(resource, Map.class);
        Map<String, Object> out = new LinkedHashMap<>();
        Object status = wire.remove("status");
        wire.remove("spec");
        wire.remove("initial_branch_spec");
        wire.remove("initial_endpoint_spec");
        for (Map.Entry<String, Object> e : wire.entrySet()) {
            if (e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        if (status instanceof Map<?, ?> s) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) s).entrySet()) {
                if (e.getValue() != null) {
                    out.putIfAbsent(e.getKey(), e.getValue());
                }
            }
        }
        rename(out, "current_state", "state");
        rename(out, "default", "is_default");
        return out;
    }

    /** The view of each resource, in order; iterating pages through an SDK list call. */
    public static List<Map<String, Object>> all(Iterable<?> resources) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : resources) {
            out.add(of(r));
        }
        return out;
    }

    private static void rename(Map<String, Object> m, String from, String to) {
        if (m.containsKey(from)) {
            m.put(to, m.remove(from));
        }
    }

    /** Host and port of an endpoint host string. Lakebase Local reports {@code 127.0.0.1:PORT}. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String hostField) {
            if (hostField == null || hostField.isBlank()) {
                throw new IllegalArgumentException("endpoint has no host yet");
            }
            int colon = hostField.lastIndexOf(':');
            if (colon > 0 && hostField.indexOf(':') == colon) {
                return new HostPort(hostField.substring(0, colon), Integer.parseInt(hostField.substring(colon + 1)));
            }
            return new HostPort(hostField, 5432);
        }
    }
}
