package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the debugger did the wrong thing at a terminal (issue 15, items 17, 18, 20 and 21): a
 * failed state, Ctrl-C of exec, the RUN line {@code shell --keep} suggests. In tmux, since a
 * failed step ends a script.
 */
class DebuggerTerminalIT {
    private static final Duration STEP = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    /** The JVMs the test's tmux sessions started: their pids label what each session made. */
    private JavaPids jvms;

    private final String tag = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8) + ":failed";

    @AfterEach
    void noLeftovers() {
        Docker.removeImage(tag);
        if (jvms != null) {
            for (long pid : jvms.pids()) {
                Leftovers left = Leftovers.of(pid);
                assertThat(left.none()).as("left on the engine by stagesh pid " + pid + ": " + left).isTrue();
            }
        }
    }

    private Tmux start(String dockerfile, String... options) throws IOException {
        Preconditions.needTmux();
        jvms = JavaPids.in(dir);
        Path df = dir.resolve("Dockerfile");
        Files.writeString(df, dockerfile);
        String command = jvms.java() + " -jar " + Stagesh.jar() + " " + String.join(" ", options) + " " + df
                + "; echo STAGESH-EXITED-$?; sleep 30";
        return Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("NO_COLOR", "1", "HOME", dir.toString()), command);
    }

    // items 17 and 18
    @Test
    void aFailedStateCommitsAsItIsAndBackLeavesItAsOneStep() throws IOException {
        try (Tmux t = start("FROM busybox\nRUN echo a > /a\nRUN test -e /nothing\nRUN echo c > /c\n", "--no-cache")) {
            t.waitFor("stage 0 1/4 > ", STEP);
            t.line("continue");
            t.waitFor("The failed state is kept", STEP);
            t.waitFor("stage 0 2/4 failed > ", STEP);
            // the failed RUN changed no file: its snapshot has no layer of its own, and commits
            t.line("commit --here " + tag);
            t.waitForLine(l -> l.matches("sha256:[0-9a-f]{64}"), STEP);
            assertThat(t.screen()).doesNotContain("disagree");
            assertThat(Docker.run("run", "--rm", tag, "cat", "/a")).isEqualTo("a\n");
            // busybox's layers, and the one of RUN echo a: the failed RUN added none
            int base = Integer.parseInt(Docker.run("image", "inspect", "-f", "{{len .RootFS.Layers}}", "busybox").strip());
            assertThat(Docker.run("image", "inspect", "-f", "{{len .RootFS.Layers}}", tag).strip())
                    .isEqualTo(String.valueOf(base + 1));
            // back leaves the failed state: the last good step, not the one before it
            t.line("back");
            t.waitFor("stage 0 2/4 > ", STEP);
            t.line("cat /a");
            t.waitFor("> cat /a\na\n", STEP);
            // with on-error off the failed state is not kept, and the report says so
            t.line("break on-error off");
            t.line("next");
            t.waitFor("The failed state is not kept (break on-error is off): the session stays at step 2.", STEP);
            t.waitFor("stage 0 2/4 > ", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
    }

    // issue 16: the terminal's form of list, row by row: a step's continuation and heredoc body lines under it,
    // the current step (→), the failed one (✗), and ● where a breakpoint stops
    @Test
    void theTerminalListShowsEachStepAsWrittenWithItsMarks() throws IOException {
        try (Tmux t = start("""
                FROM busybox
                RUN echo a \\
                    > /a
                RUN <<EOF
                echo in a heredoc > /h
                EOF
                RUN test -e /nothing
                RUN echo c > /c
                """, "--no-cache")) {
            t.waitFor("stage 0 1/5 > ", STEP);
            t.line("continue");
            t.waitFor("stage 0 3/5 failed > ", STEP);
            t.line("break 8");
            t.waitFor("breakpoint 1 at line 8", STEP);
            t.line("list");
            // every row on the visible screen, in order, with the next prompt under them
            t.waitForVisible("""
                    stage 0 3/5 failed > list
                    stage 0:
                    ✓   1     1  FROM busybox
                    ✓   2     2  RUN echo a \\
                              3      > /a
                    →   3     4  RUN <<EOF
                              5  echo in a heredoc > /h
                              6  EOF
                    ✗   4     7  RUN test -e /nothing
                     ●  5     8  RUN echo c > /c
                    stage 0 3/5 failed >""", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
    }

    // item 20
    @Test
    void ctrlCInterruptsExec() throws IOException {
        try (Tmux t = start("FROM busybox\n")) {
            t.waitFor("stage 0 1/1 > ", STEP);
            // a duration no other session on the engine uses, to find its process by
            t.line("exec sleep 29417");
            long pid = jvms.first(STEP);
            // Ctrl-C once the exec's process runs, not after a guessed delay
            SessionProcesses.awaitRunning(pid, "sleep 29417", STEP, t::screen);
            long pressed = System.nanoTime();
            t.keys("C-c");
            t.waitFor("sleep: cancelled", Duration.ofSeconds(30));
            t.waitFor("stage 0 1/1 > ", Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(30));
            assertThat(SessionProcesses.runs(pid, "sleep 29417")).as("the interrupted exec's sleep still runs").isFalse();
            // Ctrl-D at the prompt ends the session as quit does: exit 0, and nothing left (the @AfterEach checks)
            t.keys("C-d");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
    }

    // item 21
    @Test
    void shellKeepLeavesFailedCommandsAndExitOutOfTheRunLine() throws IOException {
        try (Tmux t = start("FROM debian:bookworm-slim\nRUN echo base > /base\n")) {
            t.waitFor("stage 0 1/2 > ", STEP);
            t.line("next");
            t.waitFor("stage 0 2/2 > ", STEP);
            t.line("shell --keep");
            t.waitFor("bash", STEP);
            t.line("echo one > /one");
            t.line("ls /nothing-here");
            t.line("false");
            t.line("echo two > /two");
            t.line("exit");
            t.waitFor("insert it into the Dockerfile? [y/N] ", STEP);
            String screen = t.screen();
            assertThat(screen).contains("\nRUN echo one > /one && echo two > /two\n")
                    .contains("left out of the RUN line (it exited non-zero): ls /nothing-here")
                    .contains("left out of the RUN line (it exited non-zero): false")
                    .doesNotContain("&& exit");
            t.line("n");
            t.waitFor("stage 0 3/3 > ", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
    }
}
