package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.DockerEngine;
import dev.stagesh.docker.OutputSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live container a stage's steps are applied in, kept running (the toolbox's sleep is its
 * process) so a step costs an exec and a commit rather than a container's whole life.
 *
 * <p>A commit captures everything the container changed since it was created, so a container
 * must never outlive the snapshot it was created from: after each commit it is replaced by a
 * fresh one from the new image. The replacement is started in the background right away, so the
 * next step usually finds it ready.
 */
final class WorkingContainer implements AutoCloseable {
    private final DockerEngine engine;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private final ActiveSteps active;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stagesh-working-container");
        t.setDaemon(true);
        return t;
    });


    /** The container ready for {@link #readyFor}, possibly still being created. */
    private CompletableFuture<String> ready;
    /** The snapshot image the ready container was created from; null once a step changed it. */
    private String readyFor;

    WorkingContainer(DockerEngine engine, Toolbox toolbox, Map<String, String> labels, ActiveSteps active) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.labels = labels;
        this.active = active;
    }

    /** A running container whose filesystem is exactly the snapshot's. */
    String at(Snapshot snapshot) {
        if (ready == null || !snapshot.imageId().equals(readyFor)) {
            replace(snapshot.imageId());
        }
        try {
            return join(ready);
        } catch (RuntimeException e) {
            // the container could not be made (an engine restart in progress?): make it afresh
            String fresh = freshContainer(snapshot.imageId());
            engine.noticeRecovered();
            return fresh;
        }
    }

    int exec(Snapshot at, List<String> argv, List<String> env, String workdir, String user, OutputSink sink) {
        String id = at(at);
        readyFor = null;
        active.started(id);
        try {
            return engine.exec(id, argv, env, workdir, user, sink);
        } catch (dev.stagesh.docker.EngineException e) {
            // the command never started (the container is gone or cannot start again, as after an
            // engine restart): the snapshot is an image and intact, so a fresh container serves
            if (!neverStarted(e)) {
                throw e;
            }
            int code = execInFresh(at, argv, env, workdir, user, sink);
            engine.noticeRecovered();
            return code;
        } finally {
            active.finished(id);
        }
    }

    /**
     * A new running container of the image. Just after an engine restart the engine may refuse
     * to create or start containers for a few seconds (and pooled connections are stale), so this
     * tries for a while before giving up.
     */
    private String freshContainer(String imageId) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 8; attempt++) {
            try {
                replace(imageId);
                return join(ready);
            } catch (RuntimeException e) {
                last = e;
                ready = null;
                readyFor = null;
                sleepQuietly(1000);
            }
        }
        throw last;
    }

    /** Runs the command in a new container of the snapshot, trying again while the engine recovers. */
    private int execInFresh(Snapshot at, List<String> argv, List<String> env, String workdir, String user,
                            OutputSink sink) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 8; attempt++) {
            String fresh = freshContainer(at.imageId());
            readyFor = null;
            active.started(fresh);
            try {
                return engine.exec(fresh, argv, env, workdir, user, sink);
            } catch (dev.stagesh.docker.EngineException e) {
                if (!neverStarted(e)) {
                    throw e;
                }
                last = e;
                sleepQuietly(1000);
            } finally {
                active.finished(fresh);
            }
        }
        throw last;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean neverStarted(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("exec in container") || m.startsWith("start container");
    }


    /**
     * Commits what the container changed as a new image, then replaces the container by one
     * created from that image (in the background).
     */
    String commit(Map<String, String> imageLabels) {
        String image = engine.commit(join(ready), imageLabels);
        replace(image);
        return image;
    }

    /**
     * Starts a container from {@code image} in the background; the one before it is removed
     * first, so a session never holds more than one working container.
     */
    private void replace(String image) {
        CompletableFuture<String> old = ready;
        readyFor = image;
        ready = CompletableFuture.supplyAsync(() -> {
            if (old != null) {
                removeQuietly(old);
            }
            String id = engine.createContainer(new ContainerSpec(image, Toolbox.keepAlive(), List.of(),
                    List.of(), "/", "0", labels, List.of(toolbox.mount()), null));
            try {
                engine.start(id);
            } catch (RuntimeException e) {
                engine.removeContainer(id);
                throw e;
            }
            return id;
        }, background);
    }

    private void removeQuietly(CompletableFuture<String> container) {
        try {
            engine.removeContainer(container.join());
        } catch (RuntimeException ignored) {
            // it never came up, or is already gone: nothing to remove
        }
    }

    private static String join(CompletableFuture<String> f) {
        if (f == null) {
            throw new dev.stagesh.StageshException("the session has ended");
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void close() {
        if (ready != null) {
            CompletableFuture<String> last = ready;
            ready = null;
            readyFor = null;
            removeQuietly(last);
        }
        background.shutdown();
    }
}
