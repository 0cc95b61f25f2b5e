package dev.stagesh.engine;

import dev.stagesh.docker.Engine;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Containers a step is done with, removed on a thread of their own, off the step's path: a
 * removal costs a quarter of a second on a loaded engine, and nothing waits for it but an image
 * the container was made from, which the engine keeps while the container exists.
 */
final class SpentContainers implements AutoCloseable {
    private final Engine engine;
    private final ExecutorService removals;

    SpentContainers(Engine engine, String threadName) {
        this.engine = engine;
        this.removals = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void removeLater(String id) {
        try {
            removals.execute(() -> {
                try {
                    engine.removeContainer(id);
                } catch (RuntimeException ignored) {
                    // gone already, or the engine is away: the session's end sweeps its labels
                }
            });
        } catch (RejectedExecutionException closing) {
            engine.removeContainer(id);
        }
    }

    /** Waits until the removals queued so far are done, so the images they held can go. */
    void settle() {
        try {
            removals.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // a removal that hangs or a closed session: the image stays for the final sweep
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the removals queued (30 s at most) and takes no more. */
    @Override
    public void close() {
        removals.shutdown();
        try {
            removals.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
