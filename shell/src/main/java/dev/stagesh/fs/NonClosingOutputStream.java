package dev.stagesh.fs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The caller's stream under a tar writer: closing the writer must finish the archive (its
 * trailer) and flush it, but the stream (an HTTP request body, a pipe) stays the caller's to close.
 */
public final class NonClosingOutputStream extends FilterOutputStream {
    public NonClosingOutputStream(OutputStream out) {
        super(out);
    }

    /** Passes blocks through whole: FilterOutputStream would write them a byte at a time. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
