package dev.lakebasemcp.server.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** stdin that tells when the client closed it: the stdio server's signal to shut down. */
public final class EndOfInput extends FilterInputStream {

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Inflight inflight;
    private final StringBuilder line = new StringBuilder();

    public EndOfInput(InputStream in, Inflight inflight) {
        super(in);
        this.inflight = inflight;
    }

    private void seen(byte[] buf, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (buf[i] == '\n') {
                inflight.lineRead(line.toString());
                line.setLength(0);
            } else if (line.length() < 4096) {
                // Only the start of a line is needed to tell a request from a notification.
                line.append((char) (buf[i] & 0xff));
            }
        }
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            closed.countDown();
            throw e;
        }
        if (b < 0) {
            closed.countDown();
        } else {
            seen(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(buf, off, len);
        } catch (IOException e) {
            closed.countDown();
            throw e;
        }
        if (n < 0) {
            closed.countDown();
        } else {
            seen(buf, off, n);
        }
        return n;
    }

    public void await() throws InterruptedException {
        closed.await();
    }
}
