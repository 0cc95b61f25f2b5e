package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shell --keep} in a real terminal: what is changed in the shell becomes a step that
 * {@code cat} sees, the typed commands are suggested as a RUN line, and only at the prompt of an
 * interactive session is the Dockerfile changed (on y); with {@code -c} it is printed only.
 */
class ShellKeepIT {
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final String DOCKERFILE = """
            FROM debian:bookworm-slim
            RUN echo base > /base.txt
            RUN cat /kept.txt > /after.txt
            """;

    @TempDir
    Path dir;

    @Test
    void keptChangesBecomeAStepAndTheCommandsARunLine() throws Exception {
        Preconditions.needTmux();
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, DOCKERFILE);
        JavaPids jvms = JavaPids.in(dir);
        String command = jvms.java() + " -jar " + Stagesh.jar() + " " + dockerfile + "; echo STAGESH-EXITED-$?; sleep 30";
        long pid;
        try (Tmux t = Tmux.start(session(), env(), command)) {
            pid = jvms.first(STEP);
            t.waitFor("stage 0 1/3 > ", STEP);
            t.line("next");
            t.waitFor("stage 0 2/3 > ", STEP);
            t.line("shell --keep");
            t.waitFor("bash", STEP);
            t.line("echo kept > /kept.txt");
            t.line("mkdir -p /opt/k && cd /opt/k; touch here");
            t.line("exit");
            t.waitFor("RUN echo kept > /kept.txt && { mkdir -p /opt/k && cd /opt/k; touch here; }\n", STEP);
            t.waitFor("after line 2", STEP);
            t.waitFor("insert it into the Dockerfile? [y/N] ", STEP);
            t.line("y");
            t.waitFor("stage 0 3/4 > ", STEP);
            assertThat(Files.readString(dockerfile)).isEqualTo("""
                    FROM debian:bookworm-slim
                    RUN echo base > /base.txt
                    RUN echo kept > /kept.txt && { mkdir -p /opt/k && cd /opt/k; touch here; }
                    RUN cat /kept.txt > /after.txt
                    """);
            t.line("cat /kept.txt");
            t.waitFor("> cat /kept.txt\nkept\n", STEP);
            // the next step runs on the kept snapshot
            t.line("next; cat /after.txt; ls /opt/k");
            t.waitFor("stage 0 4/4 > ", STEP);
            t.waitFor("\nkept\nhere\n", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        // the kept snapshot has no cache key, nor has the step run on it: quitting removes both (a cache entry
        // made on the kept snapshot would pin it, as the engine keeps an image that has a child)
        assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
    }

    @Test
    void inScriptFormTheLineIsOnlyPrinted() throws Exception {
        Preconditions.needTmux();
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, DOCKERFILE);
        JavaPids jvms = JavaPids.in(dir);
        String command = jvms.java() + " -jar " + Stagesh.jar() + " -c 'next 2; shell --keep; list; cat /k.txt' " + dockerfile
                + "; echo STAGESH-EXITED-$?; sleep 30";
        long pid;
        try (Tmux t = Tmux.start(session(), env(), command)) {
            pid = jvms.first(STEP);
            t.waitFor("bash", STEP);
            t.line("echo script > /k.txt");
            t.line("exit");
            String screen = t.waitFor("STAGESH-EXITED-0", STEP);
            assertThat(screen).contains("RUN echo script > /k.txt\n")
                    .contains("→  3     +  RUN echo script > /k.txt\n")
                    .contains("\nscript\n")
                    .doesNotContain("[y/N]");
        }
        assertThat(Files.readString(dockerfile)).isEqualTo(DOCKERFILE);
        assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
    }

    private Map<String, String> env() {
        return Map.of("NO_COLOR", "1", "HOME", dir.toString());
    }

    private static String session() {
        return "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
