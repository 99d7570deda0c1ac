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
    public static HttpTransport create(String host, int port, String token, Cancellations cancellations) {
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
        HostOriginValidator validator = new HostOriginValidator(names, connector::getLocalPort);
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .maxRequestSize(MAX_REQUEST_BYTES)
                .securityValidator(validator)
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (token != null && !token.isBlank()) {
            context.addFilter(new FilterHolder(new BearerFilter(token)), "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        }
        context.addFilter(new FilterHolder(new FrameCheckFilter(validator, cancellations)), "/*",
                EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
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

    /**
     * Answers a malformed POST body with a JSON-RPC error itself (JsonRpcFrames) instead of letting the SDK
     * answer with a serialized Java exception. Requests the Host/Origin check would refuse go on to the SDK
     * untouched so that it answers 421/403 as before; a body over the size limit is answered 413 here, once it has
     * been read (see {@link #tooLarge}).
     */
    static final class FrameCheckFilter implements Filter {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        private final HostOriginValidator validator;
        private final Cancellations cancellations;

        FrameCheckFilter(HostOriginValidator validator, Cancellations cancellations) {
            this.validator = validator;
            this.cancellations = cancellations;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) req;
            if (!"POST".equals(http.getMethod()) || !headersOk(http)) {
                chain.doFilter(req, res);
                return;
            }
            if (http.getContentLengthLong() > MAX_REQUEST_BYTES) {
                tooLarge(http, (HttpServletResponse) res);
                return;
            }
            byte[] body = http.getInputStream().readNBytes(MAX_REQUEST_BYTES + 1);
            if (body.length > MAX_REQUEST_BYTES) {
                tooLarge(http, (HttpServletResponse) res);
                return;
            }
            Object message;
            try {
                message = FrameCodec.read(body);
            } catch (IOException e) {
                message = JsonRpcFrames.NOT_JSON;
            }
            java.util.Optional<JsonRpcFrames.Refusal> refusal = JsonRpcFrames.check(message);
            if (refusal.isPresent()) {
                HttpServletResponse r = (HttpServletResponse) res;
                r.setStatus(refusal.get().httpStatus());
                r.setContentType("application/json");
                r.setCharacterEncoding("UTF-8");
                r.getWriter().write(refusal.get().json());
                return;
            }
            if (cancellations.admit(message)) {
                body = JSON.writeValueAsBytes(message);
            }
            chain.doFilter(new CachedBody(http, body), res);
        }

        /**
         * 413 with a JSON-RPC error, after reading what the client still sends (up to {@link #DRAIN_BYTES}): a client
         * still writing its body when the connection closes sees a reset instead of the answer.
         */
        private static void tooLarge(HttpServletRequest http, HttpServletResponse r) throws IOException {
            long left = DRAIN_BYTES;
            byte[] sink = new byte[65536];
            java.io.InputStream in = http.getInputStream();
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
            r.setStatus(413);
            r.setContentType("application/json");
            r.setCharacterEncoding("UTF-8");
            r.getWriter().write(JsonRpcFrames.refusal(null, JsonRpcFrames.INVALID_REQUEST, "Invalid Request: the body is "
                    + "over " + MAX_REQUEST_BYTES + " bytes"));
        }

        /** How much of an oversized body is read before answering 413; past it the connection just closes. */
        private static final long DRAIN_BYTES = 32L * 1024 * 1024;

        private boolean headersOk(HttpServletRequest http) {
            java.util.Map<String, java.util.List<String>> headers = new java.util.HashMap<>();
            for (String name : java.util.Collections.list(http.getHeaderNames())) {
                headers.put(name, java.util.Collections.list(http.getHeaders(name)));
            }
            try {
                validator.validateHeaders(headers);
                return true;
            } catch (io.modelcontextprotocol.server.transport.ServerTransportSecurityException e) {
                return false;
            }
        }
    }

    /** The request with its body already read, replayed for the SDK's servlet. */
    static final class CachedBody extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
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
