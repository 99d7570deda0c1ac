package dev.lakebasemcp.server.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * stdout that passes bytes on only as whole lines, one writer at a time. The SDK writes a frame and its
 * newline in separate calls from its writer thread; the stdin reader answers malformed frames itself. Without
 * this, one could land between the other's halves.
 */
public final class WholeLines extends OutputStream {

    private final OutputStream out;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(8192));

    public WholeLines(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteArrayOutputStream buf = pending.get();
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                buf.write(b, start, i + 1 - start);
                synchronized (this) {
                    buf.writeTo(out);
                }
                buf.reset();
                start = i + 1;
            }
        }
        buf.write(b, start, end - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
