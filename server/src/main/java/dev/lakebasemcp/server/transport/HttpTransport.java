package dev.lakebasemcp.server.transport;

import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Streamable HTTP on Jetty at {@code /mcp}. Binds 127.0.0.1 unless told otherwise; bound anywhere else it
 * refuses to start without a bearer token, and with a token every request must carry it.
 */
public final class HttpTransport implements AutoCloseable {

    /** Requests larger than this are refused by the SDK's transport (its default is 16 MiB). */
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final Server jetty;
    private final ServerConnector connector;
    private final HttpServletStreamableServerTransportProvider provider;

    private HttpTransport(Server jetty, ServerConnector connector, HttpServletStreamableServerTransportProvider provider) {
        this.jetty = jetty;
        this.connector = connector;
        this.provider = provider;
    }

    /**
     * Builds the transport (not yet listening). {@code token} may be null only on a loopback address.
     */
    public static HttpTransport create(String host, int port, String token) {
        boolean loopback = isLoopback(host);
        if (!loopback && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("--host " + host + " is not a loopback address: set LAKEBASE_MCP_TOKEN "
                    + "to a secret of at least 32 characters, which clients must send as 'Authorization: Bearer <token>'");
        }
        if (token != null && !token.isBlank() && token.length() < 32) {
            throw new IllegalArgumentException("LAKEBASE_MCP_TOKEN must be at least 32 characters, got " + token.length());
        }
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        Set<String> names = new HashSet<>(Set.of("127.0.0.1", "localhost", "[::1]"));
        names.add(host.toLowerCase(java.util.Locale.ROOT));
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .maxRequestSize(MAX_REQUEST_BYTES)
                .securityValidator(new HostOriginValidator(names, connector::getLocalPort))
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (token != null && !token.isBlank()) {
            context.addFilter(new FilterHolder(new BearerFilter(token)), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
        ServletHolder holder = new ServletHolder(provider);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        return new HttpTransport(jetty, connector, provider);
    }

    public HttpServletStreamableServerTransportProvider provider() {
        return provider;
    }

    public void start() throws Exception {
        jetty.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Requires {@code Authorization: Bearer <token>}, compared in constant time. */
    static final class BearerFilter implements Filter {
        private final byte[] expected;

        BearerFilter(String token) {
            this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            String got = ((HttpServletRequest) req).getHeader("Authorization");
            if (got == null || !MessageDigest.isEqual(expected, got.getBytes(StandardCharsets.UTF_8))) {
                HttpServletResponse r = (HttpServletResponse) res;
                r.setStatus(401);
                r.setHeader("WWW-Authenticate", "Bearer");
                r.setContentType("application/json");
                r.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"missing or wrong bearer token\"}");
                return;
            }
            chain.doFilter(req, res);
        }
    }
}
