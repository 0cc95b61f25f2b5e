package dev.stagesh.engine;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.OutputSink;
import java.util.List;
import java.util.Map;

/**
 * A static busybox kept in a volume and mounted read-only under {@code /dev} of the containers
 * stagesh runs. {@code /dev} is a tmpfs the engine provides, so the mount point never reaches a
 * committed layer; that lets stagesh keep a container alive, create WORKDIRs and change owners
 * in images that have no shell at all (scratch, distroless) without touching their filesystem.
 */
public final class Toolbox {
    /** Bump when the toolbox's contents change, so old volumes are not reused. */
    public static final String VOLUME = "stagesh-toolbox-1";
    public static final String MOUNT = "/dev/.stagesh";
    public static final String BUSYBOX = MOUNT + "/busybox";
    public static final String LABEL = "stagesh.toolbox";
    static final String SOURCE_IMAGE = "busybox:latest";

    private final Engine engine;
    private boolean ready;

    public Toolbox(Engine engine) {
        this.engine = engine;
    }

    public ContainerSpec.MountSpec mount() {
        ensure();
        return new ContainerSpec.MountSpec(ContainerSpec.MountSpec.Kind.VOLUME, VOLUME, MOUNT, true);
    }

    /** The process that keeps a container alive until stagesh removes it. */
    public static List<String> keepAlive() {
        return List.of(BUSYBOX, "sleep", "2147483647");
    }

    /**
     * Runs a short helper container (a toolbox command, output discarded) to its end and removes
     * it; returns its exit code. A removal that fails is left to the session's end, which sweeps
     * the helper by its labels.
     */
    int runHelper(ContainerSpec spec) {
        String helper = engine.createContainer(spec);
        try {
            return engine.runToEnd(helper, OutputSink.DISCARD);
        } finally {
            try {
                engine.removeContainer(helper);
            } catch (RuntimeException ignored) {
                // labelled: the session's end sweeps it
            }
        }
    }

    public static List<String> busybox(String... args) {
        var argv = new java.util.ArrayList<String>();
        argv.add(BUSYBOX);
        argv.addAll(List.of(args));
        return argv;
    }

    private synchronized void ensure() {
        if (ready) {
            return;
        }
        if (!engine.volumeExists(VOLUME)) {
            populate();
        }
        ready = true;
    }

    private void populate() {
        if (engine.inspectImage(SOURCE_IMAGE).isEmpty()) {
            engine.pull(SOURCE_IMAGE, line -> { });
        }
        // The toolbox is shared by all sessions, so it is labelled as infrastructure, not as a session's.
        engine.createVolume(VOLUME, Map.of(LABEL, "1", SessionId.SESSION, "toolbox"));
        String id = engine.createContainer(new ContainerSpec(SOURCE_IMAGE, List.of("/bin/cp"),
                List.of("/bin/busybox", "/toolbox/busybox"), List.of(), "/", "0", Map.of(LABEL, "1", SessionId.SESSION, "toolbox"),
                List.of(new ContainerSpec.MountSpec(ContainerSpec.MountSpec.Kind.VOLUME, VOLUME, "/toolbox", false)), "none"));
        boolean filled = false;
        try {
            int code = engine.runToEnd(id, OutputSink.DISCARD);
            if (code != 0) {
                throw new dev.stagesh.docker.EngineException("could not prepare the toolbox volume (cp exited " + code + ")");
            }
            filled = true;
        } finally {
            engine.removeContainer(id);
            if (!filled) {
                // an empty toolbox would be taken as ready by every later session: it goes, whatever failed
                engine.removeVolume(VOLUME);
            }
        }
    }
}
