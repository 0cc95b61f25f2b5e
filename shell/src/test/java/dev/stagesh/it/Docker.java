package dev.stagesh.it;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI, for checking from outside what stagesh did on the engine. What a session left is
 * {@link Leftovers}, by the session's own labels: never a look at the whole engine, which other runs share.
 */
final class Docker {
    private Docker() {}

    static String run(String... args) {
        return DockerCli.run(Map.of(), args);
    }

    static List<String> lines(String... args) {
        return Arrays.stream(run(args).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static void removeImage(String ref) {
        try {
            run("rmi", "-f", ref);
        } catch (AssertionError ignored) {
            // already gone
        }
    }

    /** Whether the engine is Podman's Docker-compatible API. */
    static boolean podman() {
        return run("version", "--format", "{{json .Server.Components}}").contains("\"Podman Engine\"");
    }

    /** Whether the engine keeps images in the containerd image store (its snapshotter), as Docker 28 can. */
    static boolean containerdStore() {
        return run("info", "--format", "{{json .DriverStatus}}").contains("io.containerd.snapshotter.v1");
    }
}
