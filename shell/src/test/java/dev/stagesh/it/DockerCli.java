package dev.stagesh.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI (and other tools: tmux) run from the tests, with an environment of their own,
 * e.g. another engine's DOCKER_HOST; the one place a test starts a process and reads its output.
 */
final class DockerCli {
    private DockerCli() {}

    record Exec(int exitCode, String output) {}

    /** Runs any command; never throws on a non-zero exit. */
    static Exec exec(Map<String, String> env, String... cmd) {
        return exec(env, null, cmd);
    }

    static Exec exec(Map<String, String> env, InputStream stdin, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                Thread feed = new Thread(() -> {
                    try (var in = stdin; var out = p.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException ignored) {
                        // the process stopped reading
                    }
                });
                feed.start();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) { // a docker build among them
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish");
            }
            return new Exec(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String run(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Exec r = exec(env, cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + r.output());
        }
        return r.output();
    }

    static List<String> lines(Map<String, String> env, String... args) {
        return Arrays.stream(run(env, args).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The tool's exact argument vector, checked to succeed. */
    static String must(Map<String, String> env, String... cmd) {
        Exec r = exec(env, cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + r.exitCode() + "):\n" + r.output());
        }
        return r.output();
    }

    static boolean isRoot() {
        return "0".equals(exec(Map.of(), "id", "-u").output().strip());
    }

    static boolean has(String tool) {
        return exec(Map.of(), "sh", "-c", "command -v " + tool).exitCode() == 0;
    }
}
