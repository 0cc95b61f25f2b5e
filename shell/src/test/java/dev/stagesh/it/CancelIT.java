package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C at a terminal while a RUN runs: the step's container is stopped, the session stays
 * where it stood with every earlier step, and nothing keeps running. Only the keys a user types
 * (no {@code shell}, whose {@code docker exec} is a feature of its own), so it runs on any engine.
 */
class CancelIT {
    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @Tag("compat")
    void ctrlCCancelsARunningRunAndTheSessionGoesOn() throws IOException {
        Preconditions.needTmux();
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox
                RUN echo before > /before
                RUN echo "running-$((100 * 3))" && sleep 300
                """);
        String name = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8);
        JavaPids jvms = JavaPids.in(dir);
        String command = jvms.java() + " -jar " + Stagesh.jar() + " --no-cache " + dir.resolve("Dockerfile")
                + "; echo STAGESH-EXITED-$?; sleep 30";
        try (Tmux t = Tmux.start(name, Map.of("NO_COLOR", "1", "HOME", dir.toString()), command)) {
            long pid = jvms.first(STEP);
            t.waitFor("1/3 > ", STEP);
            t.line("next 2");
            // Ctrl-C once the RUN's container runs and its output reaches the terminal, not after a guessed delay:
            // the marker is what the shell computes, never a line of the listing or the step's header. (docker top
            // would need a ps where the engine runs, which the engines scripts/engines runs have not.)
            t.waitFor("\nrunning-300\n", STEP);
            t.keys("C-c");
            t.waitFor("cancelled", STEP);
            t.waitFor("2/3 > ", STEP);
            for (String id : Docker.lines("ps", "-q", "--filter", "label=stagesh.pid=" + pid)) {
                String top;
                try {
                    top = Docker.run("top", id);
                } catch (AssertionError notRunning) {
                    continue;
                }
                assertThat(top).as("processes of " + id).doesNotContain("sleep 300");
            }
            t.line("cat /before");
            t.waitFor("\nbefore\n", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        for (long pid : jvms.pids()) {
            Leftovers left = Leftovers.of(pid);
            assertThat(left.none()).as("left on the engine by stagesh pid " + pid + ": " + left).isTrue();
        }
    }
}
