package dev.stagesh.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Counts the bytes read through it and reports the running total, at most every 256 KiB and at
 * the end, so a progress display costs nothing measurable on a stream of many small reads.
 */
final class CountingInputStream extends FilterInputStream {
    private static final long EVERY = 256 * 1024;

    private final LongConsumer report;
    private long count;
    private long reported;

    CountingInputStream(InputStream in, LongConsumer report) {
        super(in);
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        counted(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        counted(n);
        return n;
    }

    private void counted(int n) {
        if (n > 0) {
            count += n;
        }
        if (count - reported >= EVERY || (n < 0 && count != reported)) {
            reported = count;
            report.accept(count);
        }
    }
}
