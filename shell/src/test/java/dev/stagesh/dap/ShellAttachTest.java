package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.StageshException;
import dev.stagesh.docker.EngineEndpoint;
import dev.stagesh.docker.ExecSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line the editor's terminal is given for a shell, and how the console asks for one. */
class ShellAttachTest {
    @TempDir
    Path dir;

    @Test
    void namesTheEngineTheShellAndTheContainerOutright() {
        ShellAttach a = new ShellAttach(new EngineEndpoint(URI.create("tcp://10.0.0.5:2376"), Path.of("/certs"), "DOCKER_HOST"),
                "c0ffee", new ExecSpec(List.of("/bin/bash", "--norc"), List.of("HISTFILE=/dev/shm/h", "A=b c"), "/app", "1000:1000"),
                Path.of("/tmp/s/end.sock"));
        assertThat(a.args()).containsExactly("attach-shell", "--host", "tcp://10.0.0.5:2376", "--tls-certs", "/certs",
                "--workdir", "/app", "--user", "1000:1000", "--env", "HISTFILE=/dev/shm/h", "--env", "A=b c",
                "--notify", "/tmp/s/end.sock", "c0ffee", "--", "/bin/bash", "--norc");
    }

    @Test
    void leavesOutWhatIsNotSet() {
        ShellAttach a = new ShellAttach(new EngineEndpoint(URI.create("unix:///run/podman.sock"), null, "DOCKER_HOST"),
                "c1", new ExecSpec(List.of("/bin/sh"), List.of(), "", ""), null);
        assertThat(a.args()).containsExactly("attach-shell", "--host", "unix:///run/podman.sock", "c1", "--", "/bin/sh");
    }

    @Test
    void theLauncherIsThisJvmsJavaWithItsStartUpOptionsAndJar() throws IOException {
        Path jar = Files.writeString(dir.resolve("stagesh.jar"), "");
        JavaLauncher l = JavaLauncher.of("/opt/jdk/bin/java", List.of("-XX:SharedArchiveFile=/x.jsa", "-Xshare:auto",
                "-agentlib:jdwp=transport=dt_socket,address=5005", "-Dstagesh.archiving=true", "-XX:TieredStopAtLevel=1",
                "-Xrunjdwp:x", "-javaagent:/j.jar"), jar, jar.toString());
        assertThat(l.command(List.of("attach-shell", "c1"))).containsExactly("/opt/jdk/bin/java", "-XX:SharedArchiveFile=/x.jsa",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "attach-shell", "c1");
    }

    @Test
    void fromTheBuildsClassesItRunsTheMainClassOnTheSameClassPath() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaLauncher l = JavaLauncher.of("/usr/bin/java", List.of(), classes, classes + ":/m2/picocli.jar");
        assertThat(l.prefix()).containsExactly("/usr/bin/java", "-cp", classes + ":/m2/picocli.jar", "dev.stagesh.Main");
    }

    @Test
    void theRunningJvmIsFoundWithoutPath() {
        List<String> prefix = JavaLauncher.current().prefix();
        assertThat(Path.of(prefix.get(0))).isAbsolute().exists();
        assertThat(prefix).contains("dev.stagesh.Main"); // the tests run from the build's classes
    }

    @Test
    void theConsoleAsksForAShellWithShellOrABareExec() {
        assertThat(TerminalShell.Request.of("shell")).contains(new TerminalShell.Request(false));
        assertThat(TerminalShell.Request.of("  shell   --keep ")).contains(new TerminalShell.Request(true));
        assertThat(TerminalShell.Request.of("exec")).contains(new TerminalShell.Request(false));
        assertThat(TerminalShell.Request.of("exec cat /etc/passwd")).isEqualTo(Optional.empty());
        assertThat(TerminalShell.Request.of("ls /")).isEqualTo(Optional.empty());
        assertThat(TerminalShell.Request.of("shells")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> TerminalShell.Request.of("shell --kep")).isInstanceOf(StageshException.class)
                .hasMessage("shell takes only --keep (got 'shell --kep')");
    }

    @Test
    void theShellsEndIsToldWithItsExitCode() throws Exception {
        var told = new java.util.concurrent.CompletableFuture<Integer>();
        ShellEnd end = ShellEnd.bind();
        end.onEnd(told::complete);
        ShellEnd.tell(end.socket(), 42);
        assertThat(told.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(42);
        // told once: the socket and its folder are gone
        for (int i = 0; i < 100 && Files.exists(end.socket().getParent()); i++) {
            Thread.sleep(20);
        }
        assertThat(end.socket().getParent()).doesNotExist();
    }
}
