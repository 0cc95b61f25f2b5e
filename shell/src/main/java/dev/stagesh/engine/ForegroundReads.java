package dev.stagesh.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * The reads a person waits for that are under way through the engine's archive API, so that a
 * save only the background wants (indexing ahead) stops reading meanwhile: the engine then
 * blocks writing it, and the read has the engine, the disk and the machine's cores to itself. A
 * save is held back at most {@link #MAX_PAUSE_MS} at a time, so a read stream left open never
 * stalls the index for good.
 */
final class ForegroundReads {
    static final long MAX_PAUSE_MS = 5000;

    private int under;

    /** The stream of a read a person waits for: counted as under way until it is closed. */
    InputStream track(InputStream read) {
        synchronized (this) {
            under++;
        }
        return new FilterInputStream(read) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    if (!closed) {
                        closed = true;
                        done();
                    }
                }
            }
        };
    }

    private synchronized void done() {
        under--;
        notifyAll();
    }

    /** Waits while a read is under way (at most {@link #MAX_PAUSE_MS}), unless {@code stop} says not to. */
    synchronized void pause(BooleanSupplier stop) throws IOException {
        long end = System.nanoTime() + MAX_PAUSE_MS * 1_000_000;
        while (under > 0 && !stop.getAsBoolean()) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("the save was interrupted");
            }
        }
    }

    /**
     * A save's stream that pauses before each read while {@code mayPause} says it may and a read a
     * person waits for is under way.
     */
    InputStream yielding(InputStream save, BooleanSupplier mayPause) {
        return new FilterInputStream(save) {
            @Override
            public int read() throws IOException {
                pause(() -> !mayPause.getAsBoolean());
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                pause(() -> !mayPause.getAsBoolean());
                return super.read(b, off, len);
            }
        };
    }
}
