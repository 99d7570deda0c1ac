package dev.lakebasemcp.server.transport;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * DNS-rebinding protection for the HTTP transport: the Host header must name this server, and a browser's
 * Origin (when present) must be this server too. Bad Host answers 421, bad Origin 403
 * (https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning).
 * The port is read when a request comes, so binding port 0 works.
 */
public final class HostOriginValidator implements ServerTransportSecurityValidator {

    private final Set<String> hostNames;
    private final IntSupplier port;

    /** @param hostNames names a client may use for this server (lowercase, without port) */
    public HostOriginValidator(Set<String> hostNames, IntSupplier port) {
        this.hostNames = Set.copyOf(hostNames);
        this.port = port;
    }

    @Override
    public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        String host = first(headers, "host");
        if (host == null || !allowedAuthority(host)) {
            throw new ServerTransportSecurityException(421, "Invalid Host header");
        }
        String origin = first(headers, "origin");
        if (origin != null) {
            String o = origin.toLowerCase(Locale.ROOT);
            String authority = o.startsWith("http://") ? o.substring(7) : o.startsWith("https://") ? o.substring(8) : null;
            if (authority == null || !allowedAuthority(authority)) {
                throw new ServerTransportSecurityException(403, "Invalid Origin header");
            }
        }
    }

    private boolean allowedAuthority(String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        int colon = a.lastIndexOf(':');
        String name = a;
        if (colon > 0 && a.indexOf(']') < colon) {
            name = a.substring(0, colon);
            String p = a.substring(colon + 1);
            if (!p.equals(Integer.toString(port.getAsInt()))) {
                return false;
            }
        }
        return hostNames.contains(name);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
