package dev.stagesh.it;

import java.time.Duration;
import java.util.Map;

/**
 * The processes running in one stagesh session's own containers (found by its {@code stagesh.pid} label, never
 * by looking at the whole engine), as {@code docker top} lists them: what a test waits for before it presses
 * Ctrl-C, instead of guessing a delay. {@code docker top} runs {@code ps} where the engine runs, and the engines
 * {@code scripts/engines} runs have none, so a test that runs on every engine (compat) waits for a marker its
 * command prints instead.
 */
final class SessionProcesses {
    private SessionProcesses() {}

    /** Whether a process of one of this session's containers (and no other's) has {@code command} in its line. */
    static boolean runs(long pid, String command) {
        for (String id : Leftovers.of(pid).containers()) {
            DockerCli.Exec top = DockerCli.exec(Map.of(), "docker", "top", id);
            if (top.exitCode() == 0 && top.output().contains(command)) {
                return true;
            }
        }
        return false;
    }

    /** Waits until {@link #runs} says the session runs {@code command}; fails after {@code timeout}. */
    static void awaitRunning(long pid, String command, Duration timeout) {
        awaitRunning(pid, command, timeout, () -> "");
    }

    /** As {@link #awaitRunning(long, String, Duration)}; a failure also says what {@code seen} gives (a screen). */
    static void awaitRunning(long pid, String command, Duration timeout, java.util.function.Supplier<String> seen) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!runs(pid, command)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("'" + command + "' never ran in the containers of stagesh pid " + pid
                        + " within " + timeout + "; its containers: " + Leftovers.of(pid).containers() + "\n" + seen.get());
            }
            StageshProcess.sleep(100);
        }
    }
}
