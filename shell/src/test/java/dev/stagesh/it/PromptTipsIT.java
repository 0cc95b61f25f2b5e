package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JLine's TailTip widgets at the prompt of a real terminal (tmux), beside the status line: the
 * synopsis of the command being typed shows under the line with the status line of where the
 * session stands as the last row; Enter takes both away before the command prints, so its output
 * follows the line it was typed on; a RUN's own status line still shows and goes. With NO_COLOR
 * the prompt has no widgets, as before.
 */
class PromptTipsIT {
    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theSynopsisShowsUnderTheLineAboveTheStatusLine() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox AS build\nRUN echo hi > /hi\nRUN sleep 2 && echo slept\n");
        inTerminal("--no-cache", Map.of(), t -> {
            t.waitFor("stage 0 (build) 1/3 > ", STEP);
            t.type("diff ");
            // the line, the synopsis under it, the status line last
            waitForRows(t, "stage 0 (build) 1/3 > diff", "diff [--json] [STEP...]",
                    "✓  stage 0 (build) 1/3  FROM busybox AS build  next: RUN echo hi > /hi");

            // Enter: the rows at the foot go before diff prints, which starts on the line after the command
            t.keys("Enter");
            t.waitForLastLine(l -> l.equals("stage 0 (build) 1/3 >"), STEP);
            String screen = t.screen();
            assertThat(screen).containsPattern("stage 0 \\(build\\) 1/3 > diff *\nA /bin\n")
                    .containsPattern("\n\\d+ added \\([^)]*\\), 0 changed, 0 removed \\(0 B\\)\nstage 0 \\(build\\) 1/3 > *\n")
                    .doesNotContain("[--json]").doesNotContain("next: RUN echo hi");

            // a RUN's status line, drawn on the same rows, shows while it runs and goes when it ends
            t.line("next 2");
            t.waitForLastLine(l -> l.matches(". \\d+\\.\\ds  stage 0 \\(build\\) 3/3  RUN sleep 2 && echo slept"), STEP);
            t.waitForLastLine(l -> l.equals("stage 0 (build) 3/3 >"), STEP);
            assertThat(t.screen()).contains("[0 (build) 3/3] RUN sleep 2 && echo slept\nslept\n")
                    .doesNotContain("3/3  RUN sleep 2 && echo slept");

            // a completion leaves the foot in place, described anew
            t.type("commit --s");
            t.keys("Tab");
            waitForRows(t, "stage 0 (build) 3/3 > commit --squash", "commit [--here] [--squash] TAG...",
                    "✓  stage 0 (build) 3/3  RUN sleep 2 && echo slept  stage done");
            t.keys("C-u");

            // at the last step the status line says so; clearing the line clears the foot
            t.type("ls ");
            waitForRows(t, "stage 0 (build) 3/3 > ls", "ls [-adhl] [--json] [PATH...]",
                    "✓  stage 0 (build) 3/3  RUN sleep 2 && echo slept  stage done");
            t.keys("C-u");
            t.waitForLastLine(l -> l.equals("stage 0 (build) 3/3 >"), STEP);

        });
    }

    @Test
    void noWidgetsWithNoColor() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
        inTerminal("", Map.of("NO_COLOR", "1"), t -> {
            t.waitFor("stage 0 1/1 > ", STEP);
            // the widgets draw a synopsis in the key's own widget, before the line is shown again:
            // once the line shows, a synopsis would show with it
            t.type("diff ");
            t.waitForLastLine(l -> l.equals("stage 0 1/1 > diff"), STEP);
            t.type("1");
            t.waitForLastLine(l -> l.equals("stage 0 1/1 > diff 1"), STEP);
            assertThat(t.visible()).doesNotContain("[--json]").doesNotContain("stage done");
            t.keys("C-u");
        });
    }

    /**
     * A session on the test's Dockerfile in tmux, with colour unless {@code env} says NO_COLOR, and a user.home of the
     * test's own (the user's history is neither read nor written); quit after {@code steps}, and nothing left behind.
     */
    private void inTerminal(String options, Map<String, String> env, Consumer<Tmux> steps) throws IOException {
        Preconditions.needTmux();
        JavaPids jvms = JavaPids.in(dir);
        String command = jvms.java() + " -Duser.home=" + dir + " -jar " + Stagesh.jar() + " " + options + " "
                + dir.resolve("Dockerfile") + "; echo STAGESH-EXITED-$?; sleep 30";
        Map<String, String> all = new HashMap<>(Map.of("HOME", dir.toString(), "TERM", "xterm-256color"));
        all.putAll(env);
        try (Tmux t = Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8), all, command)) {
            steps.accept(t);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        for (long pid : jvms.pids()) {
            assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
        }
    }

    /** Waits until the last lines of the screen that are not blank are these, judged on one capture. */
    private static void waitForRows(Tmux t, String... rows) {
        long deadline = System.nanoTime() + STEP.toNanos();
        String screen = t.visible();
        while (!lastRows(screen, rows.length).equals(List.of(rows))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never ended with " + List.of(rows) + "; it shows:\n" + screen);
            }
            StageshProcess.sleep(50);
            screen = t.visible();
        }
    }

    /** The last {@code n} lines of a screen that are not blank, stripped. */
    private static List<String> lastRows(String screen, int n) {
        List<String> rows = Arrays.stream(screen.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        return rows.subList(Math.max(0, rows.size() - n), rows.size());
    }
}
