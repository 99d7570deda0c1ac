package dev.lakebasemcp.server.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The stdio transport: JSON-RPC messages as lines on stdin and stdout, handled with no thread hop.
 *
 * <p>The SDK's own stdio transport hands every message from its reader thread to Reactor's boundedElastic and
 * every answer to a writer thread: two hops, about half of what a {@code SELECT 1} costs once warm
 * (shared/mcp-java-sdk.md). Here the threads take turns (leader/followers): one reads a line, gives up the
 * reading to the next thread and handles the request itself, writing the answer to stdout in one
 * {@code write(2)}. Notifications and answers to the server's own requests are quick and handled by the
 * reader, in the order read. A slow tool never stops the reading: when every thread is busy, a new one starts, so a
 * cancellation or an elicitation answer is always read. A thread done with its message goes back to wait for a
 * turn to read unless {@link #SPARE} others already wait, and one that then waits {@link #KEEP_ALIVE_SECONDS}
 * for its turn ends while more than {@link #IDLE_READERS} would be left: an agent's calls come one after another,
 * and the next request is often read before the thread that answered the last one is back (the answer is written
 * before it returns), so a third thread is needed now and then; ending it at once meant starting one again a few
 * calls later, on the request's path (a thread start costs tens of microseconds). After a burst, the threads
 * beyond {@link #SPARE} + 1 end as they finish. At most
 * {@link #MAX_THREADS} handle messages at once: a client that floods the server waits for a thread to free
 * (reading resumes when one does) rather than making the server start one per request.
 *
 * <p>On the way in, each line is parsed once and checked ({@link JsonRpcFrames}): a malformed frame is answered
 * here with a JSON-RPC error and the server goes on reading (the SDK's transport stopped at the first one).
 * {@link Cancellations#admit} sees every message. At the end of input, requests read so far are answered
 * before {@link #awaitEnd} returns ({@link Inflight}); the server is run with
 * {@code immediateExecution(true)} so that handlers run on the thread that read their message.
 */
public final class StdioTransport implements McpServerTransportProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    /** Threads waiting for a turn to read besides the one reading, kept while messages keep coming. */
    private static final int SPARE = 4;
    /** Readers (the one reading included) an idle server keeps; others end after {@link #KEEP_ALIVE_SECONDS}. */
    static final int IDLE_READERS = 2;
    /** How long a reader beyond {@link #IDLE_READERS} waits for its turn before it ends. */
    static final long KEEP_ALIVE_SECONDS = 60;
    /** Threads serving at most; past it, reading waits for one to finish its message. */
    static final int MAX_THREADS = 32;
    /** The longest line read; a longer one is refused and skipped. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;
    private static final long GRACE_MILLIS = 1000;

    private final Lines lines;
    private final OutputStream out;
    private final Supplier<McpJsonMapper> mappers;
    private volatile McpJsonMapper jsonMapper;
    private volatile ObjectMapper objectMapper;
    private final EarlyInitialize early;
    private boolean firstLineRead;
    private boolean toolsListed;
    private boolean handleInOrder;
    /** Answers already written early, by request key, until the SDK's own answer comes to be compared and dropped. */
    private final Map<String, byte[]> earlyAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile List<McpSchema.Tool> earlyTools;
    /** Messages read before the session existed, in order; guarded by itself, null once they were handed on. */
    private List<Pending> beforeSession = new java.util.ArrayList<>();
    private final AtomicBoolean readerStarted = new AtomicBoolean();
    private final Cancellations cancellations;
    private final Inflight inflight = new Inflight();
    private final Runnable afterFirstAnswers;
    private final long drainMillis;

    private final ReentrantLock reading = new ReentrantLock();
    private volatile long keepAliveNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS);
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final AtomicInteger framesWritten = new AtomicInteger();
    private final AtomicBoolean startedAfterAnswers = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean endOfInput;
    private volatile McpServerSession session;

    /**
     * @param mappers the SDK's JSON mapper, asked for when a frame is first written or an answer from the client
     *        bound (lines are read by {@link FrameCodec})
     * @param afterFirstAnswers run once the client has its first answers: after the second frame written, or a
     *        second after the first (Lakebase Local's start then never delays {@code initialize})
     * @param drainMillis at the end of input, how long to wait for answers to requests still running
     * @param early answers {@code initialize} before the server is built; null to leave it to the SDK
     */
    public StdioTransport(InputStream in, OutputStream out, Supplier<McpJsonMapper> mappers, Cancellations cancellations,
            Runnable afterFirstAnswers, long drainMillis, EarlyInitialize early) {
        this.lines = new Lines(in);
        this.out = out;
        this.mappers = mappers;
        this.cancellations = cancellations;
        this.afterFirstAnswers = afterFirstAnswers;
        this.drainMillis = drainMillis;
        this.early = early;
    }

    /** Starts reading stdin now, before the server is built: messages wait for the session, not for the reading. */
    public void start() {
        if (readerStarted.compareAndSet(false, true)) {
            startReader();
        }
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        session = factory.create(new SessionTransport());
        handOnWhatWasRead();
        start();
    }

    /** Blocks until the client closed stdin and every request read before has its answer (or time ran out). */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /** The protocol versions served over stdio, oldest first: the SDK negotiates from this list. */
    public static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession s = session;
        return s == null ? Mono.error(new IllegalStateException("no session yet")) : s.sendNotification(method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession s = session;
        return s == null ? Mono.empty() : s.closeGracefully();
    }

    // ---- reading and handling ----

    /** Tests wait less than {@link #KEEP_ALIVE_SECONDS} for idle readers to end; call before {@link #start}. */
    StdioTransport keepAlive(java.time.Duration d) {
        keepAliveNanos = d.toNanos();
        return this;
    }

    private void startReader() {
        threads.incrementAndGet();
        readers.incrementAndGet();
        newThread();
    }

    /** Starts a reader unless {@link #MAX_THREADS} are running; false when none was started. */
    private boolean startReaderWithinLimit() {
        if (threads.getAndUpdate(t -> t < MAX_THREADS ? t + 1 : t) >= MAX_THREADS) {
            return false;
        }
        readers.incrementAndGet();
        newThread();
        return true;
    }

    private void newThread() {
        Thread t = new Thread(this::serve, "lakebase-mcp-stdio-" + threadIds.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    /** One thread's life: read a line, let the next thread read, handle it; again, until input ends. */
    private void serve() {
        while (true) {
            McpSchema.JSONRPCMessage message = null;
            boolean over = false;
            if (!awaitTurn()) {
                return;
            }
            try {
                while (message == null && !over) {
                    if (endOfInput) {
                        return;
                    }
                    try {
                        byte[] line = lines.next();
                        over = line == null;
                        // Checked, refused or admitted in the order read: a refusal goes out before the next
                        // line is read, and a cancellation is marked after the request it names.
                        message = over ? null : admit(line);
                        if (message != null && keptForTheSession(message, handleInOrder)) {
                            handleInOrder = false;
                            message = null;
                        } else if (message != null && (handleInOrder || !(message instanceof McpSchema.JSONRPCRequest))) {
                            // In the order read, before the next line: a request answered early, notifications and
                            // answers to the server's own requests, all quick. A request read after
                            // notifications/initialized then never waits for it: the SDK would run such a request
                            // later on the thread that handled the notification, one after another.
                            handleInOrder = false;
                            dispatch(message);
                            message = null;
                        }
                    } catch (Lines.TooLong e) {
                        reply(JsonRpcFrames.refusal(null, JsonRpcFrames.INVALID_REQUEST, "Invalid Request: a frame "
                                + "is limited to " + MAX_LINE_BYTES + " bytes; this one was skipped"));
                    } catch (IOException e) {
                        LOG.warn("stdin failed: {}", e.toString());
                        over = true;
                    } catch (RuntimeException e) {
                        // A bug in reading one message must not end the reading.
                        LOG.error("a message could not be read", e);
                        message = null;
                    }
                }
                if (over) {
                    endOfInput = true;
                }
            } finally {
                reading.unlock();
            }
            if (over) {
                drainAndEnd();
                return;
            }
            if (readers.decrementAndGet() == 0) {
                startReaderWithinLimit(); // every other thread is busy: someone must go on reading
            }
            dispatch(message);
            if (endOfInput || readers.get() > SPARE) {
                threads.decrementAndGet();
                return;
            }
            readers.incrementAndGet();
        }
    }

    /**
     * Waits for this thread's turn to read (it is counted in {@link #readers}); true once it holds the lock. False
     * when it ended instead: it waited {@link #KEEP_ALIVE_SECONDS} while there were more than
     * {@link #IDLE_READERS} readers.
     */
    private boolean awaitTurn() {
        while (true) {
            try {
                if (reading.tryLock(keepAliveNanos, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                // Nobody interrupts these threads; reading must go on: wait again.
                continue;
            }
            int r = readers.get();
            if (r > IDLE_READERS && readers.compareAndSet(r, r - 1)) {
                threads.decrementAndGet();
                return false;
            }
        }
    }

    /** How many threads this transport has started to read and handle messages (tests read it). */
    int threadsStarted() {
        return threadIds.get();
    }

    /** How many of those are running now (tests read it). */
    int threadsRunning() {
        return threads.get();
    }

    /**
     * Writes {@code frame} now, before the session exists or has handled the request; the request then goes to the
     * session in the order read, and its answer is compared with this one and dropped ({@link #write}).
     */
    private void answerEarly(String key, byte[] frame) {
        EARLY_ANSWERS.incrementAndGet();
        earlyAnswers.put(key, frame);
        handleInOrder = true;
        reply(frame);
    }

    /**
     * The tools a first tools/list is answered with before the server is built (that answer is checked against
     * the SDK's, byte for byte). Must be exactly what the server will list.
     */
    public void answerFirstToolsList(List<McpSchema.Tool> tools) {
        earlyTools = List.copyOf(tools);
    }

    /** A message read before the session existed; {@code inOrder}: handled where it stands in the order. */
    private record Pending(McpSchema.JSONRPCMessage message, boolean inOrder) {
    }

    /**
     * Before the session exists, keeps {@code m} to hand on once it does, and returns true; reading goes on, so
     * that a first tools/list can be answered early while the server is still being built.
     */
    private boolean keptForTheSession(McpSchema.JSONRPCMessage m, boolean inOrder) {
        synchronized (this) {
            if (beforeSession == null) {
                return false;
            }
            beforeSession.add(new Pending(m, inOrder || !(m instanceof McpSchema.JSONRPCRequest)));
            return true;
        }
    }

    /**
     * The session exists: the messages read so far go to it in order (requests answered early, notifications and
     * answers on this thread; other requests each on a thread of their own), before any message read later.
     */
    private void handOnWhatWasRead() {
        synchronized (this) {
            for (Pending p : beforeSession) {
                if (p.inOrder()) {
                    dispatch(p.message());
                } else {
                    Thread t = new Thread(() -> dispatch(p.message()), "lakebase-mcp-stdio-early-request");
                    t.setDaemon(true);
                    t.start();
                }
            }
            beforeSession = null;
        }
    }

    /** Hands {@code m} to the session; with immediate execution it runs on this thread. */
    private void dispatch(McpSchema.JSONRPCMessage m) {
        try {
            session.handle(m).subscribe(null, e -> LOG.warn("handling {} failed: {}", describe(m), e.toString()));
        } catch (RuntimeException | Error e) {
            LOG.error("a message could not be handled", e);
        }
    }

    /** The message on {@code line} for the session, or null when there is none (blank) or it was refused here. */
    private McpSchema.JSONRPCMessage admit(byte[] line) {
        if (isBlank(line)) {
            return null;
        }
        boolean first = !firstLineRead;
        firstLineRead = true;
        Object frame;
        try {
            frame = FrameCodec.read(line);
        } catch (IOException e) {
            frame = JsonRpcFrames.NOT_JSON;
        }
        Optional<JsonRpcFrames.Refusal> refusal = JsonRpcFrames.check(frame);
        if (refusal.isPresent()) {
            reply(refusal.get().json());
            return null;
        }
        cancellations.admit(frame);
        Map<?, ?> m = (Map<?, ?>) frame;
        McpSchema.JSONRPCMessage message;
        try {
            message = bind(m);
        } catch (IllegalArgumentException e) {
            reply(JsonRpcFrames.refusal(m.containsKey("method") ? m.get("id") : null, JsonRpcFrames.INVALID_REQUEST,
                    "Invalid Request: " + firstLine(e.getMessage())));
            return null;
        }
        if (message instanceof McpSchema.JSONRPCRequest r) {
            inflight.requestRead(Inflight.key(r.id()));
            byte[] initializeAnswer = first && early != null ? early.answer(r) : null;
            if (initializeAnswer != null) {
                answerEarly(Inflight.key(r.id()), initializeAnswer);
            }
            if (!toolsListed && McpSchema.METHOD_TOOLS_LIST.equals(r.method())) {
                toolsListed = true;
                List<McpSchema.Tool> tools = earlyTools;
                if (tools != null && (r.params() == null || r.params() instanceof Map<?, ?> p && p.get("cursor") == null)) {
                    try {
                        byte[] answer = FrameCodec.toolsList(r.id(), tools);
                        if (answer != null) {
                            answerEarly(Inflight.key(r.id()), answer);
                        }
                    } catch (IOException e) {
                        LOG.debug("no early tools/list: {}", e.toString());
                    }
                }
            }
        }
        return message;
    }

    /** The SDK's message for a checked frame: requests and notifications built directly, answers bound by Jackson. */
    private McpSchema.JSONRPCMessage bind(Map<?, ?> m) {
        if (m.containsKey("method")) {
            String method = (String) m.get("method");
            return m.containsKey("id") ? new McpSchema.JSONRPCRequest("2.0", method, m.get("id"), m.get("params"))
                    : new McpSchema.JSONRPCNotification("2.0", method, m.get("params"));
        }
        return objectMapper().convertValue(m, McpSchema.JSONRPCResponse.class);
    }

    private void drainAndEnd() {
        try {
            if (!inflight.awaitQuiet(drainMillis)) {
                LOG.warn("stdin closed; requests still running after {} ms are dropped", drainMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    // ---- writing ----

    private void write(McpSchema.JSONRPCMessage message) throws IOException {
        byte[] frame = message instanceof McpSchema.JSONRPCResponse r && r.error() == null
                && r.result() instanceof McpSchema.CallToolResult result ? FrameCodec.toolAnswer(r.id(), result) : null;
        if (frame == null) {
            byte[] json = jsonMapper().writeValueAsBytes(message);
            frame = new byte[json.length + 1];
            System.arraycopy(json, 0, frame, 0, json.length);
            frame[json.length] = '\n';
        }
        String key = message instanceof McpSchema.JSONRPCResponse r && r.id() != null ? Inflight.key(r.id()) : null;
        byte[] early = key == null ? null : earlyAnswers.remove(key);
        if (early != null) {
            // Already answered early: the SDK's answer must be the same, byte for byte.
            if (!java.util.Arrays.equals(frame, early)) {
                EARLY_MISMATCHES.incrementAndGet();
                LOG.error("an early answer differed from the SDK's; sent {}, the SDK's {}",
                        new String(early, StandardCharsets.UTF_8).strip(), new String(frame, StandardCharsets.UTF_8).strip());
            }
        } else {
            writeFrame(frame);
        }
        if (key != null) {
            inflight.answered(key);
        }
    }

    private static final AtomicInteger EARLY_MISMATCHES = new AtomicInteger();
    private static final AtomicInteger EARLY_ANSWERS = new AtomicInteger();

    /** How many answers were written early in this process (tests read it). */
    public static int earlyAnswers() {
        return EARLY_ANSWERS.get();
    }

    /** How many early answers differed from the SDK's in this process (logged as errors; tests read it). */
    public static int earlyMismatches() {
        return EARLY_MISMATCHES.get();
    }

    private McpJsonMapper jsonMapper() {
        McpJsonMapper m = jsonMapper;
        if (m == null) {
            m = mappers.get();
            jsonMapper = m;
        }
        return m;
    }

    /** The Jackson mapper inside the SDK's JSON mapper: one set of serializers for every frame. */
    private ObjectMapper objectMapper() {
        ObjectMapper m = objectMapper;
        if (m == null) {
            m = jsonMapper() instanceof io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper j ? j.getObjectMapper()
                    : new ObjectMapper();
            objectMapper = m;
        }
        return m;
    }


    private void reply(String json) {
        reply((json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void reply(byte[] frame) {
        try {
            writeFrame(frame);
        } catch (IOException e) {
            LOG.warn("stdout failed: {}", e.toString());
        }
    }

    /** One frame, one write: frames written by different threads never interleave. */
    private void writeFrame(byte[] frame) throws IOException {
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
        int n = framesWritten.incrementAndGet();
        if (n == 1) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                runAfterFirstAnswers();
            }, "start-after-first-answers");
            t.setDaemon(true);
            t.start();
        } else if (n == 2) {
            runAfterFirstAnswers();
        }
    }

    private void runAfterFirstAnswers() {
        if (startedAfterAnswers.compareAndSet(false, true)) {
            afterFirstAnswers.run();
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "the message does not fit JSON-RPC";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String describe(McpSchema.JSONRPCMessage m) {
        if (m instanceof McpSchema.JSONRPCRequest r) {
            return r.method() + " " + r.id();
        }
        return m instanceof McpSchema.JSONRPCNotification n ? n.method() : "a response";
    }

    /** The session's side: what the SDK sends goes straight to stdout from the calling thread. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            try {
                write(message);
                return Mono.empty();
            } catch (IOException e) {
                return Mono.error(e);
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return jsonMapper().convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    /** stdin split into lines of bytes ({@code \n}; a trailing {@code \r} is JSON whitespace). */
    static final class Lines {

        /** A line longer than {@link #MAX_LINE_BYTES}: it was skipped to its end. */
        static final class TooLong extends Exception {
            TooLong() {
                super("line too long", null, false, false);
            }
        }

        private final InputStream in;
        private final byte[] chunk = new byte[65536];
        private int pos;
        private int len;
        private boolean end;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line without its newline; the last one even without a newline; null at the end. */
        byte[] next() throws IOException, TooLong {
            byte[] acc = null;
            int accLen = 0;
            boolean skipping = false;
            while (true) {
                if (pos >= len) {
                    if (end) {
                        if (skipping) {
                            throw new TooLong();
                        }
                        return acc == null ? null : java.util.Arrays.copyOf(acc, accLen);
                    }
                    int n = in.read(chunk, 0, chunk.length);
                    if (n < 0) {
                        end = true;
                        continue;
                    }
                    pos = 0;
                    len = n;
                }
                int start = pos;
                while (pos < len && chunk[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                boolean newline = pos < len;
                if (newline) {
                    pos++;
                }
                if (!skipping) {
                    if (accLen + n > MAX_LINE_BYTES) {
                        skipping = true;
                        acc = null;
                    } else if (acc == null && newline) {
                        byte[] line = new byte[n];
                        System.arraycopy(chunk, start, line, 0, n);
                        return line;
                    } else {
                        if (acc == null) {
                            acc = new byte[Math.max(n * 2, 8192)];
                        } else if (accLen + n > acc.length) {
                            acc = java.util.Arrays.copyOf(acc, Math.min(MAX_LINE_BYTES, Math.max(acc.length * 2, accLen + n)));
                        }
                        System.arraycopy(chunk, start, acc, accLen, n);
                        accLen += n;
                    }
                }
                if (newline) {
                    if (skipping) {
                        throw new TooLong();
                    }
                    return java.util.Arrays.copyOf(acc, accLen);
                }
            }
        }
    }
}
