package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.DockerEngine;
import java.util.List;
import java.util.Map;

/**
 * The network namespace a session's steps share: a container that only sleeps, whose network
 * every RUN on the default network joins ({@code container:<id>}). Making a network namespace is
 * about half of what starting a container costs (roughly 150 of 280 ms on a small machine),
 * and a step would otherwise pay it once per RUN. The RUN still sees the default bridge, DNS and
 * /etc/hosts as it would with a namespace of its own; only the namespace outlives the step.
 *
 * <p>Made on first use, so a session that runs nothing (everything cached) never pays for it.
 */
final class NetworkHolder implements AutoCloseable {
    private final DockerEngine engine;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private String id;

    NetworkHolder(DockerEngine engine, Toolbox toolbox, Map<String, String> labels) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.labels = labels;
    }

    /** The network mode that joins the holder's namespace, starting the holder if need be. */
    synchronized String networkMode() {
        if (id == null) {
            id = startHolder();
        }
        return "container:" + id;
    }

    /** False when the holder was made and has stopped or gone, as when the engine restarted. */
    synchronized boolean lost() {
        return id != null && !engine.isRunning(id);
    }

    /**
     * Forgets the holder after the engine refused to join it (it stops with the engine, and a
     * stopped container's namespace is gone): the next step makes a new one.
     */
    synchronized void discard() {
        if (id != null) {
            removeQuietly(id);
            id = null;
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

    @Override
    public synchronized void close() {
        discard();
    }
}
