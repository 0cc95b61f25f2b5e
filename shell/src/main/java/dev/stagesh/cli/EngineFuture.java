package dev.stagesh.cli;

import dev.stagesh.Background;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineConnector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The connection to the engine, opened on a background thread as soon as stagesh starts, so
 * that loading docker-java and the first ping overlap with parsing the command line and the
 * Dockerfile instead of following them. Commands that need no engine never wait for it.
 */
public final class EngineFuture {
    private final CompletableFuture<Engine> future;

    private EngineFuture(CompletableFuture<Engine> future) {
        this.future = future;
    }

    public static EngineFuture start() {
        return new EngineFuture(Background.supply("stagesh-connect", EngineConnector::connect));
    }

    /** Waits until the connection, and the client it builds in the background, are made or failed. */
    public void settle() {
        try {
            get().awaitReady();
        } catch (RuntimeException ignored) {
            // no engine: nothing more will load
        }
    }

    /** The engine, waiting for the connection if it is still being made. */
    public Engine get() {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
