package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell in a real terminal (tmux): completion, a failing RUN stopped, inspected, fixed
 * with edit and re-run, Ctrl-C of a long RUN, cat and shell in a scratch stage, and quit.
 */
class TerminalIT {
    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aDebuggingSessionInARealTerminal() throws IOException {
        Preconditions.needTmux();
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox AS build
                RUN mkdir -p /data && echo inside > /data/inside-only.txt
                RUN echo about to fail && exit 3
                RUN echo fixed > /data/fixed.txt

                FROM scratch AS final
                COPY --from=build /data/ /

                FROM busybox AS slow
                RUN sleep 3 && echo slept
                RUN sleep 300
                """);
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/exit 3/true/' \"$2\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        String name = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8);
        JavaPids jvms = JavaPids.in(dir);
        Map<String, String> env = Map.of("EDITOR", editor.toString(), "VISUAL", "", "NO_COLOR", "1",
                "HOME", dir.toString());
        long pid;
        String command = jvms.java() + " -jar " + Stagesh.jar() + " --no-cache --target final " + dir.resolve("Dockerfile")
                + "; echo STAGESH-EXITED-$?; sleep 30";
        try (Tmux t = Tmux.start(name, env, command)) {
            pid = jvms.first(STEP);
            t.waitFor("stage 0 (build) 1/4 > ", STEP);

            // completion of a command
            t.type("contin");
            t.keys("Tab");
            t.waitFor("> continue", STEP);
            t.keys("Enter");

            // the failing RUN stops the stage; the state it left is inspectable
            t.waitFor("the command exited with code 3", STEP);
            t.waitFor("stage 0 (build) 2/4 failed > ", STEP);

            // completion of a path that exists only inside the snapshot
            t.type("cat /data/inside-o");
            t.keys("Tab");
            t.waitFor("cat /data/inside-only.txt", STEP);
            t.keys("Enter");
            t.waitFor("\ninside\n", STEP);

            // fixed with edit, which reloads and re-runs from the changed step
            t.line("edit");
            t.waitFor("keeps 2 of 4 steps", STEP);
            t.line("continue");
            t.waitFor("stage 0 (build) 4/4 > ", STEP);
            t.line("cat /data/fixed.txt");
            t.waitFor("\nfixed\n", STEP);

            // cat and shell in a scratch stage, which has no tools at all
            t.line("into stage final");
            t.line("continue");
            t.waitFor("stage 1 (final) 2/2 > ", STEP);
            t.line("cat /inside-only.txt");
            t.waitFor("stage 1 (final) 2/2 > cat /inside-only.txt\ninside\n", STEP);
            t.line("shell");
            t.waitFor("no /bin/sh in this snapshot", STEP);
            t.line("ls /; echo SHELL-$((40+2))");
            t.waitFor("SHELL-42\n", STEP);
            assertThat(t.screen()).contains("fixed.txt").contains("inside-only.txt");
            t.line("exit");
            // the prompt reads again only once the shell's terminal is handed back: wait until it shows
            t.waitForLastLine(l -> l.equals("stage 1 (final) 2/2 >"), STEP);

            // while a RUN runs, a status line under its output shows the step and its time; it is gone after
            t.line("into stage slow");
            t.waitFor("stage 2 (slow) 1/3 > ", STEP);
            t.line("next");
            // the status line is the screen's last line, judged on one capture (it is redrawn every 100 ms)
            t.waitForLastLine(l -> l.matches(". \\d+\\.\\ds  stage 2 \\(slow\\) 2/3  RUN sleep 3 && echo slept"), STEP);
            String after = t.waitFor("stage 2 (slow) 2/3 > ", STEP);
            assertThat(after).contains("\nslept\n").doesNotContain("(slow) 2/3  RUN");
            assertThat(Tmux.lastLine(t.visible())).isEqualTo("stage 2 (slow) 2/3 >");

            // Ctrl-C cancels a long RUN; the prompt comes back, the status line goes, nothing keeps running
            t.line("next");
            t.waitFor("RUN sleep 300", STEP);
            // Ctrl-C once the RUN's process is there, not after a guessed delay
            SessionProcesses.awaitRunning(pid, "sleep 300", STEP, t::screen);
            t.keys("C-c");
            t.waitFor("cancelled", STEP);
            t.waitFor("stage 2 (slow) 2/3 > ", STEP);
            assertThat(t.visible()).doesNotContain("3/3  RUN sleep 300");
            assertThat(SessionProcesses.runs(pid, "sleep 300")).as("a process of the cancelled RUN still runs").isFalse();

            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
    }

    /** While a COPY sends its files, the status line says how much of how much it has sent. */
    @Test
    void aCopyShowsWhatItHasSent() throws IOException {
        Preconditions.needTmux();
        Path df = dir.resolve("Dockerfile");
        Files.writeString(df, "FROM busybox\nCOPY big /big\n");
        // sparse: quick to make, but the tar carries all 500 MB, long enough to be seen
        try (var big = new java.io.RandomAccessFile(dir.resolve("big").toFile(), "rw")) {
            big.setLength(500_000_000L);
        }
        JavaPids jvms = JavaPids.in(dir);
        String command = jvms.java() + " -Duser.home=" + dir + " -jar " + Stagesh.jar() + " --no-cache " + df
                + "; echo STAGESH-EXITED-$?; sleep 30";
        try (Tmux t = Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("NO_COLOR", "1", "HOME", dir.toString()), command)) {
            t.waitFor("stage 0 1/2 > ", STEP);
            t.line("next");
            String line = t.waitForLastLine(l -> l.contains("COPY big /big") && l.contains(" sent "), STEP);
            assertThat(line).matches(". \\d+\\.\\ds  sent \\d+(\\.\\d+)? [kMG]?B of 500 MB  stage 0 2/2  COPY big /big");
            t.waitFor("stage 0 2/2 > ", STEP);
            assertThat(Tmux.lastLine(t.visible())).as("the status line is gone").isEqualTo("stage 0 2/2 >");
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        for (long pid : jvms.pids()) {
            assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
        }
    }

    /**
     * What the first test leaves out: completion of options, stage names and line numbers, colour (no
     * NO_COLOR here), the history file and Ctrl-R searching it from the next session. The JVM gets a
     * user.home of the test's own (Java takes it from the password file, not $HOME), so the user's own
     * history is neither read nor written.
     */
    @Test
    void completionColourHistoryAndCtrlR() throws IOException {
        Preconditions.needTmux();
        Path df = dir.resolve("Dockerfile");
        Files.writeString(df, "FROM busybox AS builder\nRUN echo hi > /hi\n\nFROM busybox AS final\nCOPY --from=builder /hi /hi\n");
        JavaPids jvms = JavaPids.in(dir);
        String command = jvms.java() + " -Duser.home=" + dir + " -jar " + Stagesh.jar() + " --no-cache " + df
                + "; echo STAGESH-EXITED-$?; sleep 30";
        Map<String, String> env = Map.of("HOME", dir.toString(), "TERM", "xterm-256color");
        try (Tmux t = Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8), env, command)) {
            t.waitFor("stage 0 (builder) 1/2 > ", STEP);
            t.type("into stage b");
            t.keys("Tab");
            t.waitFor("> into stage builder", STEP);
            t.keys("C-u");
            t.type("commit --s");
            t.keys("Tab");
            t.waitFor("> commit --squash", STEP);
            t.keys("C-u");
            // line numbers, each shown with the instruction it names
            t.type("until ");
            t.keys("Tab");
            t.keys("Tab");
            t.waitFor("(RUN echo hi > /hi)", STEP);
            t.keys("C-u");
            t.line("list");
            // The listing's own rows under the entered line, and the next prompt under them: the start-up
            // listing (in the scrollback once the foot has grown) already holds "RUN echo hi > /hi\n", so
            // waiting for that alone took the capture before the command had printed.
            String listed = "> list\nstage 0 (builder):\n→   1     1  FROM busybox AS builder\n"
                    + "    2     2  RUN echo hi > /hi\nstage 0 (builder) 1/2 >";
            // all of it on the visible screen, in that order: nothing scrolled away or drawn again below it
            t.waitForVisible(listed, STEP);
            // the current-step mark and the instruction keywords are coloured
            String coloured = t.visibleWithEscapes();
            assertThat(coloured).containsPattern("\u001b\\[[0-9;]*m\u2192").containsPattern("\u001b\\[[0-9;]*mFROM\u001b");
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        List<String> history = Files.readAllLines(dir.resolve(".stagesh_history"));
        assertThat(history).as("the history file, as JLine writes it (time:line)").extracting(l -> l.substring(l.indexOf(':') + 1))
                .containsSubsequence("list", "quit");
        try (Tmux t = Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8), env, command)) {
            t.waitFor("stage 0 (builder) 1/2 > ", STEP);
            t.keys("C-r");
            t.type("lis");
            t.waitFor("bck-i-search: lis_", STEP);
            t.keys("Enter");
            t.waitFor("→   1     1  FROM busybox AS builder", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        for (long pid : jvms.pids()) {
            assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
        }
    }
}
