package dev.stagesh.it;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The docker CLI, for checking from outside what stagesh left on the engine. */
final class Docker {
    private Docker() {}

    static String run(String... args) {
        return DockerCli.run(Map.of(), args);
    }

    static List<String> lines(String... args) {
        return Arrays.stream(run(args).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Containers of any stagesh session, live or not. */
    static List<String> sessionContainers() {
        return lines("ps", "-aq", "--filter", "label=stagesh.session");
    }

    /**
     * Containers left behind by a stagesh process that has ended. Containers of sessions still
     * running (another test, another terminal) are theirs and not counted.
     */
    static List<String> leftoverContainers() {
        List<String> left = new java.util.ArrayList<>();
        for (String id : sessionContainers()) {
            String pid;
            try {
                pid = run("inspect", "-f", "{{index .Config.Labels \"stagesh.pid\"}}", id).strip();
            } catch (AssertionError gone) {
                continue; // removed while we looked
            }
            boolean alive = pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                left.add(id);
            }
        }
        return left;
    }

    static void removeImage(String ref) {
        try {
            run("rmi", "-f", ref);
        } catch (AssertionError ignored) {
            // already gone
        }
    }
}
