package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.DockerEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The network namespace a session's steps share: a container that only sleeps, whose network
 * every RUN on the default network joins ({@code container:<id>}). Making a network namespace is
 * about half of what starting a container costs (roughly 150 of 280 ms on a small machine),
 * and a step would otherwise pay it once per RUN. The RUN still sees the default bridge, DNS and
 * /etc/hosts as it would with a namespace of its own; only the namespace outlives the step.
 *
 * <p>Made on first use, so a session that runs nothing (everything cached) never pays for it,
 * or ahead of it ({@link #prepare}) where a step is sure to run soon.
 */
final class NetworkHolder implements AutoCloseable {
    private final DockerEngine engine;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stagesh-network-holder");
        t.setDaemon(true);
        return t;
    });
    /** The holder's id, being made or made; null until it is first wanted or after a discard. */
    private CompletableFuture<String> holder;

    NetworkHolder(DockerEngine engine, Toolbox toolbox, Map<String, String> labels) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.labels = labels;
    }

    /** Starts making the holder in the background, so the first step does not wait for it. */
    synchronized void prepare() {
        if (holder == null) {
            holder = CompletableFuture.supplyAsync(this::startHolder, starter);
        }
    }

    /** The network mode that joins the holder's namespace, starting the holder if need be. */
    String networkMode() {
        CompletableFuture<String> h;
        synchronized (this) {
            prepare();
            h = holder;
        }
        return "container:" + join(h);
    }

    /** True when the holder could not be made, or has stopped or gone, as when the engine restarted. */
    synchronized boolean lost() {
        if (holder == null) {
            return false;
        }
        try {
            return !engine.isRunning(join(holder));
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Forgets the holder after the engine refused to join it (it stops with the engine, and a
     * stopped container's namespace is gone): the next step makes a new one.
     */
    synchronized void discard() {
        if (holder != null) {
            try {
                removeQuietly(join(holder));
            } catch (RuntimeException neverMade) {
                // nothing to remove
            }
            holder = null;
        }
    }

    private String startHolder() {
        String platform = engine.platform();
        String image = ScratchImage.ensure(engine, platform.substring(0, platform.indexOf('/')),
                platform.substring(platform.indexOf('/') + 1));
        String created = engine.createContainer(new ContainerSpec(image, Toolbox.keepAlive(), List.of(), List.of(),
                "/", "0", labels, List.of(toolbox.mount()), null));
        try {
            engine.start(created);
        } catch (RuntimeException e) {
            removeQuietly(created);
            throw e;
        }
        return created;
    }

    private void removeQuietly(String container) {
        try {
            engine.removeContainer(container);
        } catch (RuntimeException ignored) {
            // the engine is away or it is gone already; the session's end sweeps its labels anyway
        }
    }

    private static String join(CompletableFuture<String> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public synchronized void close() {
        discard();
        starter.shutdown();
    }
}
