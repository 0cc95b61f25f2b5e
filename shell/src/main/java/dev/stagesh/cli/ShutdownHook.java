package dev.stagesh.cli;

import dev.stagesh.engine.Session;

/**
 * Ends the session when the JVM is told to stop (SIGTERM, SIGINT, Ctrl-C in script mode), so
 * its containers and snapshots go with it. Removed again when the session ends normally.
 */
final class ShutdownHook implements AutoCloseable {
    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    static ShutdownHook closing(Session session) {
        Thread t = new Thread(() -> {
            try {
                session.close();
            } catch (RuntimeException ignored) {
                // the process is ending; the next start reaps what is left
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
