package dev.lakebasemcp.server.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * stdout that runs a task once the first frame (the initialize response) has been flushed to the client:
 * heavy start-up work such as Lakebase Local's PostgreSQL then never competes with the answer for the CPU.
 */
public final class AfterFirstFrame extends FilterOutputStream {

    private final Runnable task;
    private final Inflight inflight;
    private final AtomicBoolean done = new AtomicBoolean();

    public AfterFirstFrame(OutputStream out, Runnable task, Inflight inflight) {
        super(out);
        this.task = task;
        this.inflight = inflight;
    }

    /** The SDK writes each message with one call, then a newline, then flushes. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        inflight.frameWritten(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        super.flush();
        if (done.compareAndSet(false, true)) {
            task.run();
        }
    }
}
