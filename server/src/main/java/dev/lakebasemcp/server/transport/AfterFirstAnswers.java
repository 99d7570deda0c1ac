package dev.lakebasemcp.server.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * stdout that runs a task once the client has its first answers: after the second frame is flushed (a client
 * asks initialize, then tools/list), or a second after the first, whichever comes first. Heavy start-up work
 * such as Lakebase Local's PostgreSQL then never competes for the CPU with the answers an agent waits for
 * when it starts. Also tells {@link Inflight} about every frame written.
 */
public final class AfterFirstAnswers extends FilterOutputStream {

    private static final long GRACE_MILLIS = 1000;

    private final Runnable task;
    private final Inflight inflight;
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();

    public AfterFirstAnswers(OutputStream out, Runnable task, Inflight inflight) {
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
        int n = flushes.incrementAndGet();
        if (n == 1) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                runOnce();
            }, "start-after-first-answers");
            t.setDaemon(true);
            t.start();
        } else if (n == 2) {
            runOnce();
        }
    }

    private void runOnce() {
        if (started.compareAndSet(false, true)) {
            task.run();
        }
    }
}
