package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shell} through the engine's API alone, on every engine: stagesh runs in a real terminal
 * (tmux) with a PATH that has no docker CLI. The shell runs in the session's container, gets the
 * window's size and each resize, Ctrl-C reaches its foreground process and not stagesh, its exit
 * code comes back, and the prompt works after it.
 */
class ShellTerminalIT {
    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    @Tag("compat")
    void theShellRunsOnTheEnginesApiWithNoDockerCliOnThePath() throws IOException {
        Preconditions.needTmux();
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo made-by-run > /made.txt\n");
        Path bin = pathWithoutDocker();
        try {
            run(bin);
        } finally {
            // the links go before JUnit's clean-up, which would name each one it meets
            try (Stream<Path> links = Files.list(bin)) {
                for (Path link : (Iterable<Path>) links::iterator) {
                    Files.delete(link);
                }
            }
        }
    }

    private void run(Path bin) throws IOException {
        JavaPids jvms = JavaPids.in(dir);
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        // set in the command itself: a tmux server already running keeps the environment it started with
        String command = "export PATH='" + bin + "' DOCKER_HOST='" + host + "'; "
                + "command -v docker >/dev/null || echo NO-DOCKER-ON-PATH; "
                + jvms.java() + " -jar " + Stagesh.jar() + " " + dir.resolve("Dockerfile")
                + "; echo STAGESH-EXITED-$?; sleep 30";
        long pid;
        try (Tmux t = Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8),
                Map.of("NO_COLOR", "1", "HOME", dir.toString()), command)) {
            t.waitFor("NO-DOCKER-ON-PATH", STEP);
            pid = jvms.first(STEP);
            t.waitFor("stage 0 1/2 > ", STEP);
            t.line("next");
            t.waitFor("stage 0 2/2 > ", STEP);

            t.line("shell");
            // busybox sh's prompt ("/ #" on Docker, "#" on Podman, which sets no PWD): the container's terminal reads
            t.waitForLastLine(l -> l.endsWith("#"), STEP);
            t.line("stty size; echo SH-$((40+2)) IN-$(hostname)");
            // the window tmux made: 160 columns, 50 rows
            String shown = t.waitFor("\n50 160\nSH-42 IN-", STEP);
            // the host name is the container's: the shell runs in one of the session's containers, and in its
            // files: what the RUN wrote is there, and this test's folder on this machine is not
            t.line("cat /made.txt; test -d '" + dir + "' || echo NOT-THIS-MACHINE");
            t.waitFor("\nmade-by-run\nNOT-THIS-MACHINE\n", STEP);
            var hostname = java.util.regex.Pattern.compile("SH-42 IN-([0-9a-f]{12})\n").matcher(shown);
            assertThat(hostname.find()).as("the container's host name after IN-:\n" + shown).isTrue();
            assertThat(Leftovers.of(pid).containers()).anyMatch(id -> id.startsWith(hostname.group(1)));

            t.resize(120, 40);
            t.line("stty size; echo SIZED-$((1+1))");
            t.waitFor("\n40 120\nSIZED-2\n", STEP);

            // the engines scripts/engines runs have no ps for "docker top" to ask, so the foreground process says
            // itself that it runs: it prints the marker (computed, so never the typed line's echo) and becomes the
            // sleep in the same process, so from the marker on Ctrl-C meets that one process, whether it is still
            // the sh or already the sleep, and kills it by SIGINT either way
            t.line("sh -c 'echo SLEEPING-$((6 * 7)); exec sleep 1000'");
            t.waitFor("\nSLEEPING-42\n", STEP);
            t.keys("C-c");
            // the sleep ended at once, killed by SIGINT (128 + 2), and the shell reads again: Ctrl-C went to the
            // container's terminal, and stagesh (which would have cancelled or died) did not see it
            t.waitForLastLine(l -> l.endsWith("#"), Duration.ofSeconds(20));
            t.line("echo AFTER-CTRL-C-$?");
            t.waitFor("AFTER-CTRL-C-130\n", Duration.ofSeconds(20));

            t.line("exit 3");
            t.waitFor("shell: exited with code 3", STEP);
            t.waitForLastLine(l -> l.equals("stage 0 2/2 >"), STEP);
            // the terminal is stagesh's again, line editing and all
            t.line("cat /made.txt");
            t.waitFor("stage 0 2/2 > cat /made.txt\nmade-by-run\n", STEP);
            t.line("quit");
            t.waitFor("STAGESH-EXITED-0", STEP);
        }
        assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
    }

    /** A folder of links to every program on this machine's usual PATH but the docker CLI and its plugins. */
    private Path pathWithoutDocker() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin-without-docker"));
        for (String folder : new String[] {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
            if (!Files.isDirectory(Path.of(folder))) {
                continue;
            }
            try (Stream<Path> programs = Files.list(Path.of(folder))) {
                for (Path p : (Iterable<Path>) programs::iterator) {
                    Path link = bin.resolve(p.getFileName().toString());
                    if (!p.getFileName().toString().startsWith("docker") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
        }
        return bin;
    }
}
