package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.DockerEngine;
import dev.stagesh.docker.OutputSink;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live container a stage's steps are applied in. It is created once from a snapshot and
 * kept running (the toolbox's sleep is its process), so a RUN step costs one exec and one
 * commit instead of a container's whole life, which is what makes stepping feel live.
 * It is thrown away whenever the session moves to a snapshot it does not hold.
 */
final class WorkingContainer implements AutoCloseable {
    private final DockerEngine engine;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private String containerId;
    /** The snapshot image the container's filesystem equals, or null once a step changed it. */
    private String holds;

    WorkingContainer(DockerEngine engine, Toolbox toolbox, Map<String, String> labels) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.labels = labels;
    }

    /** A running container whose filesystem is the snapshot's. */
    String at(Snapshot snapshot) {
        if (containerId != null && snapshot.imageId().equals(holds)) {
            return containerId;
        }
        close();
        List<String> env = new ArrayList<>(snapshot.config().env());
        containerId = engine.createContainer(new ContainerSpec(snapshot.imageId(), Toolbox.keepAlive(), List.of(),
                env, "/", "0", labels, List.of(toolbox.mount()), null));
        engine.start(containerId);
        holds = snapshot.imageId();
        return containerId;
    }

    int exec(Snapshot at, List<String> argv, List<String> env, String workdir, String user, OutputSink sink) {
        String id = at(at);
        holds = null;
        return engine.exec(id, argv, env, workdir, user, sink);
    }

    void putArchive(Snapshot at, String path, InputStream tar) {
        String id = at(at);
        holds = null;
        engine.putArchive(id, path, tar);
    }

    /** Commits what the container holds now; afterwards the container is at the new image. */
    String commit() {
        String image = engine.commit(containerId, labels);
        holds = image;
        return image;
    }

    @Override
    public void close() {
        if (containerId != null) {
            String id = containerId;
            containerId = null;
            holds = null;
            engine.removeContainer(id);
        }
    }
}
