package dev.stagesh;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Start-up work begun on a daemon thread of its own, whose result a later step waits for. Not
 * the common pool: on a two-core machine it has one thread, which would run the start-up's
 * pieces one after another, behind whatever else was handed to it.
 */
public final class Background {
    private Background() {}

    /** Runs {@code work} on a new daemon thread named {@code name}; its result or failure completes the future. */
    public static <T> CompletableFuture<T> supply(String name, Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }
}
