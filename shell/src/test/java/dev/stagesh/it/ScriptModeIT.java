package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script mode against a real engine: commands on stdin, results on stdout, exit 1 at the first failure. */
class ScriptModeIT {
    @TempDir
    Path dir;

    private final Sessions sessions = new Sessions();
    private final String tag = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8) + ":test";

    @AfterEach
    void noLeftovers() {
        Docker.removeImage(tag);
        sessions.assertNothingLeft();
    }

    private Path dockerfile(String text) throws IOException {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, text);
        return f;
    }

    @Test
    @Tag("compat")
    void stepsRunAndFilesAreReadThroughTheEngine() throws IOException {
        Files.writeString(dir.resolve("data.txt"), "from the context\n");
        Path df = dockerfile("""
                FROM busybox
                ENV GREETING=hello
                WORKDIR /work
                RUN echo "$GREETING world" > out.txt
                COPY data.txt .
                """);
        var r = sessions.run("continue\ncat /work/out.txt\ncat data.txt\nls /work\nquit\n", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("hello world\nfrom the context\ndata.txt\nout.txt\n");
        assertThat(r.stderr()).contains("RUN echo \"$GREETING world\" > out.txt");
    }

    @Test
    void theFirstFailingCommandStopsTheScriptWithExit1() throws IOException {
        Path df = dockerfile("FROM busybox\nRUN true\n");
        var r = sessions.run("continue\nls /nope\ncat /etc/passwd\nquit\n", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("ls: cannot access '/nope': No such file or directory");
        assertThat(r.stdout()).doesNotContain("root:");
    }

    @Test
    void aMistypedCommandIsOneLineAndExits1() throws IOException {
        Path df = dockerfile("FROM busybox\n");
        var r = sessions.run("lss /\n", df.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("stagesh: unknown command 'lss'; 'help' lists the commands");
    }

    @Test
    void aFailingRunReportsTheCommandItsExitCodeAndOutput() throws IOException {
        Path df = dockerfile("""
                FROM busybox
                ENV MODE=strict
                RUN echo partial > /p && echo "about to fail" && exit 3
                RUN echo never
                """);
        var r = sessions.run("", df.toString(), "-c", "continue");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr())
                .contains("line 3: RUN: the command exited with code 3")
                .contains("exit:     3")
                .contains("| about to fail")
                .contains("MODE=strict")
                .doesNotContain("never")
                .doesNotContain("Exception");
    }

    @Test
    void severalCommandsOnOneLineWithSemicolons() throws IOException {
        Path df = dockerfile("FROM busybox\nRUN echo one > /a\nRUN echo two > /b\n");
        var r = sessions.run("", df.toString(), "-c", "next 2; cat /a; next; cat /b");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("one\ntwo\n");
    }

    @Test
    void backReturnsToAnEarlierSnapshot() throws IOException {
        Path df = dockerfile("FROM busybox\nRUN echo v1 > /f\nRUN echo v2 > /f\n");
        var r = sessions.run("continue\ncat /f\nback\ncat /f\nnext\ncat /f\n", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("v2\nv1\nv2\n");
    }

    @Test
    void aMissingDockerfileIsOneLineAndNonZero() {
        var r = sessions.run("", dir.resolve("nope/Dockerfile").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr().strip()).startsWith("stagesh: no Dockerfile at ").doesNotContain("\n");
    }

    @Test
    @Tag("compat")
    void commitWritesTheConfigDockerBuildWould() throws IOException {
        Path df = dockerfile("""
                FROM busybox
                ARG WHO=world
                ENV APP_HOME=/srv/app
                WORKDIR $APP_HOME
                RUN echo "hello $WHO" > greeting
                LABEL org.example.kind="demo" version=1
                EXPOSE 8080 53/udp
                USER nobody
                ENTRYPOINT ["cat"]
                CMD ["greeting"]
                """);
        var r = sessions.run("commit " + tag + "\nquit\n", df.toString(), "--build-arg", "WHO=stagesh");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Docker.run("run", "--rm", tag)).isEqualTo("hello stagesh\n");
        String config = Docker.run("image", "inspect", "-f",
                "{{json .Config.Env}}|{{.Config.WorkingDir}}|{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Cmd}}|{{json .Config.Labels}}|{{json .Config.ExposedPorts}}",
                tag).strip();
        assertThat(config).isEqualTo("[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"APP_HOME=/srv/app\"]"
                + "|/srv/app|nobody|[\"cat\"]|[\"greeting\"]"
                + "|{\"org.example.kind\":\"demo\",\"version\":\"1\"}"
                + "|{\"53/udp\":{},\"8080/tcp\":{}}");
        assertThat(Docker.run("image", "inspect", "-f", "{{json .Config.Labels}}", tag))
                .doesNotContain("stagesh.session");
    }

    @Test
    @Tag("compat")
    void copyFromAnotherStageAndFromScratch() throws IOException {
        Path df = dockerfile("""
                FROM busybox AS tools
                RUN mkdir -p /out && echo built > /out/artifact.txt

                FROM scratch
                COPY --from=tools /bin/busybox /bin/busybox
                COPY --from=tools /out/ /data/
                ENTRYPOINT ["/bin/busybox"]
                CMD ["cat", "/data/artifact.txt"]
                """);
        var r = sessions.run("into stage 1\ncommit " + tag + "\nquit\n", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Docker.run("run", "--rm", tag)).isEqualTo("built\n");
        assertThat(Docker.run("image", "inspect", "-f", "{{len .RootFS.Layers}}", tag).strip()).isEqualTo("2");
    }
}
