package dev.lakebasemcp.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only JSON Lines record of every write and destructive call: what was asked, what the guard decided,
 * how it ended. Secrets are redacted before anything is written. Destructive calls are forced to disk before
 * they run, so a crash cannot lose the record of what was about to happen.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Clock clock;
    private FileChannel channel;

    public AuditLog(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    /** Writes one line; {@code sync} forces it to disk before returning. Failures are logged, never thrown. */
    public synchronized void record(String identity, String tool, Map<String, Object> args, String decision,
            String reason, String outcome, boolean sync) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        if (identity != null) {
            line.put("identity", identity);
        }
        line.put("tool", tool);
        line.put("arguments", redact(args));
        line.put("decision", decision);
        if (reason != null) {
            line.put("reason", reason);
        }
        if (outcome != null) {
            line.put("outcome", outcome);
        }
        try {
            if (channel == null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            }
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            LOG.warn("audit log {} not written: {}", path, e.getMessage());
        }
    }

    /** A copy of the arguments with every value whose key names a secret replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redact(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (args == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            if (k.contains("token") || k.contains("password") || k.contains("secret") || k.contains("credential")) {
                out.put(e.getKey(), v == null ? null : "[redacted]");
            } else if (v instanceof Map<?, ?> m) {
                out.put(e.getKey(), redact((Map<String, Object>) m));
            } else {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing audit log", e);
            }
            channel = null;
        }
    }
}
