package dev.stagesh.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Ends the session when the JVM is told to stop (SIGTERM, SIGINT, Ctrl-C in script mode, even
 * in the middle of a step), so its containers and snapshots go with it. Once it fires, the
 * engine creates nothing more for this process, the command that was running is silenced (its
 * failure is the signal's doing, not news) and one line says what happened. Removed again when
 * the session ends normally.
 */
final class ShutdownHook implements AutoCloseable {
    private static volatile boolean stopping;

    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /** True once a signal is ending the process. */
    static boolean stopping() {
        return stopping;
    }

    /** An output stream that drops everything once the process is stopping. */
    static OutputStream silencedWhenStopping(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                if (!stopping) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!stopping) {
                    out.write(b, off, len);
                }
            }
        };
    }

    static ShutdownHook closing(SessionEnd end) {
        Thread t = new Thread(() -> {
            stopping = true;
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            try {
                end.engine().fence(Duration.ofSeconds(20));
                end.run();
                err.println("stagesh: stopped; the session's containers" + (end.keep() ? " are" : " and snapshots are")
                        + " removed");
            } catch (RuntimeException e) {
                err.println("stagesh: stopped; cleaning up failed (" + e.getMessage()
                        + "); the next start of stagesh removes what is left");
            }
        }, "stagesh-shutdown");
        Runtime.getRuntime().addShutdownHook(t);
        return new ShutdownHook(t);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs
        }
    }
}
