package dev.stagesh.docker;

import dev.stagesh.Background;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * docker-java's half of a connection, built once: on a thread of its own from the moment a caller
 * asks for it ahead of need ({@link #start}), else by the first call that needs it. Building it
 * costs a third of a second of CPU (docker-java's and Jackson's class initialisation); at the
 * first prompt, which needs none of it, that third of a second on a second thread was CPU taken
 * from the threads the prompt waits for, on a two-core machine. So it is not started at connect.
 */
final class ClientBuild {
    private final Callable<DockerEngine.Transport> build;
    private CompletableFuture<DockerEngine.Transport> started;

    ClientBuild(Callable<DockerEngine.Transport> build) {
        this.build = build;
    }

    /** A client built already (a remote engine's, which its ping needed). */
    static ClientBuild of(DockerEngine.Transport built) {
        ClientBuild b = new ClientBuild(() -> built);
        b.started = CompletableFuture.completedFuture(built);
        return b;
    }

    /** The build, begun now on a thread of its own if it was not begun yet. */
    synchronized CompletableFuture<DockerEngine.Transport> start() {
        if (started == null) {
            started = Background.supply("stagesh-docker-client", build);
        }
        return started;
    }

    /** The build if it was begun; null if nothing asked for it yet. */
    synchronized CompletableFuture<DockerEngine.Transport> begun() {
        return started;
    }
}
