package dev.lakebasemcp.server.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** stdin that tells when the client closed it: the stdio server's signal to shut down. */
public final class EndOfInput extends FilterInputStream {

    private final CountDownLatch closed = new CountDownLatch(1);

    public EndOfInput(InputStream in) {
        super(in);
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
        }
        return n;
    }

    public void await() throws InterruptedException {
        closed.await();
    }
}
