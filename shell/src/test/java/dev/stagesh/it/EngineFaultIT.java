package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is not there, or goes away under a session: one line naming what was tried and
 * exit 2 at start; a restart mid-session is noticed, the session carries on and every step it
 * had completed is still there (snapshots are images, which survive the restart).
 */
class EngineFaultIT {
    @TempDir
    Path dir;

    static StageshProcess.Ended runWith(Map<String, String> env, String... args) {
        StageshProcess p = StageshProcess.start(env, args);
        p.closeStdin();
        int code = p.waitFor(Duration.ofSeconds(60));
        return new StageshProcess.Ended(code, p.stdout(), p.stderr());
    }

    private Path dockerfile() throws IOException {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM busybox\nRUN echo a > /a\nRUN echo b > /b\nRUN echo c > /c\n");
        return f;
    }

    @Test
    void noEngineAtStartIsOneLineAndExit2() throws IOException {
        Path df = dockerfile();
        var socket = runWith(Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), "-c", "ls /", df.toString());
        assertThat(socket.exitCode()).as(socket.toString()).isEqualTo(2);
        assertThat(socket.stderr()).as(socket.toString()).isEqualTo("stagesh: no Docker engine answers at unix:///nonexistent.sock"
                + " (DOCKER_HOST): No such file or directory; start one (sudo systemctl start docker, or dockerd;"
                + " scripts/engine in a stagesh checkout), or point DOCKER_HOST or DOCKER_CONTEXT at a running one\n");
        System.out.println("[engine fault] " + socket.stderr().strip());

        var tcp = runWith(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), "-c", "ls /", df.toString());
        assertThat(tcp.exitCode()).as(tcp.toString()).isEqualTo(2);
        assertThat(tcp.stderr()).as(tcp.toString()).startsWith("stagesh: no Docker engine answers at tcp://127.0.0.1:1 (DOCKER_HOST): ")
                .contains("Connection refused").contains("start one").endsWith("\n").hasLineCount(1);
        System.out.println("[engine fault] " + tcp.stderr().strip());

        var context = runWith(Map.of("DOCKER_HOST", "", "DOCKER_CONTEXT", "no-such-context",
                "DOCKER_CONFIG", dir.resolve("docker-config").toString()), "-c", "ls /", df.toString());
        assertThat(context.exitCode()).as(context.toString()).isEqualTo(2);
        assertThat(context.stderr()).isEqualTo("stagesh: Docker context \"no-such-context\" (from DOCKER_CONTEXT) does not exist;"
                + " 'docker context ls' lists the contexts\n");
        System.out.println("[engine fault] " + context.stderr().strip());
    }

    @Test
    void anEngineRestartMidSessionKeepsEveryCompletedStep() throws IOException {
        String why = SecondEngine.unavailable();
        Preconditions.need(why);
        try (SecondEngine engine = SecondEngine.start(false);
             StageshProcess s = StageshProcess.start(engine.clientEnv(), "--no-cache", dockerfile().toString())) {
            s.send("next 3").send("cat /b").awaitStdout("^b\n$");

            engine.restart();

            s.send("cat /a").awaitStdout("^b\na\n$");
            s.send("next").send("cat /c").awaitStdout("^b\na\nc\n$");
            s.send("back").send("cat /b").awaitStdout("^b\na\nc\nb\n$");
            assertThat(s.stderr()).contains("stagesh: the engine at " + engine.host()
                    + " stopped the session's container (did it restart?); reconnected and started it again:"
                    + " every completed step is kept");
            s.send("quit");
            assertThat(s.waitFor(Duration.ofSeconds(30))).as(s.toString()).isZero();
            assertThat(s.stderr()).doesNotContain("Exception").doesNotContain("internal error");
            assertThat(Leftovers.of(s.pid(), engine.clientEnv()).none()).as("left on the second engine").isTrue();
        }
    }
}
