package dev.stagesh.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, for checking from outside what stagesh left on the engine. */
final class Docker {
    private Docker() {}

    static String run(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "docker";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
