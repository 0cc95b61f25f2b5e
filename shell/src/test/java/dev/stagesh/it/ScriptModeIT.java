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

    /**
     * {@code help} alone: every command the README's table names, in its order, each described and wrapped at
     * script mode's 80 columns at spaces only, aligned under itself.
     */
    @Test
    void helpAloneListsEveryCommandExactly() throws IOException {
        Path df = dockerfile("FROM busybox\n");
        var r = sessions.run("", "-c", "help", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("""
                Commands:
                  list      Show a stage's steps (default: the current one): ✓ done, → current,
                            ✗ failed. On a terminal each step is shown as written
                            (continuations, heredoc bodies), highlighted, with ● where a
                            breakpoint stops; in scripts, one line per step. A step with build
                            check warnings ends with ! and their rules ('check' shows them).
                  stages    The stages, which the target needs, and how far each has run.
                  next      Run the next N steps of the current stage (default 1).
                  continue  Run the current stage to a breakpoint or to its end.
                  into      Move into a stage (by index or name), building the stages it needs
                            first.
                  back      Go back N steps in the current stage (default 1); nothing is re-run.
                  restart   Go back to the current stage's FROM.
                  ls        List files of the current snapshot, read through the engine (no ls
                            needed in the image).
                  cat       Print files of the current snapshot, streamed through the engine.
                  env       The environment a RUN would see here: ENV, then the build ARGs in
                            scope.
                  config    The image config as docker build would write it at this step (JSON).
                  history   The image history this stage has written so far, one line per step.
                  commit    Run the current stage to its end and tag the image 'docker build
                            --target' would give.
                  break     Stop 'continue' before the step at LINE, before every INSTRUCTION
                            (e.g. RUN), or where a step fails (on-error, on by default; 'break
                            on-error off' keeps the last good step instead).
                  breaks    List the breakpoints.
                  delete    Delete breakpoint N (as 'breaks' numbers them).
                  until     Run the current stage until the step at LINE is next (it does not
                            run).
                  reload    Read the Dockerfile again; steps before the first changed
                            instruction are kept.
                  edit      Open $VISUAL or $EDITOR at the current step's line, then reload and
                            re-run from the first changed instruction up to where you were.
                  shell     An interactive shell in a throwaway container of the current
                            snapshot, which stays unchanged. Works in scratch and distroless
                            stages: a static busybox is brought in. With --keep, what you change
                            there becomes a new step after the current one (the later steps are
                            pending again, as after an edit), and the commands you typed are
                            offered as a RUN line to insert into the Dockerfile after the
                            current line (asked y/N at a terminal; in scripts only printed). The
                            commands are read from the shell's history: bash where the image has
                            it, else its /bin/sh.
                  tree      Show a directory of the current snapshot as a tree (default: the
                            WORKDIR), read through the engine's archive API, so it works in
                            images without tools.
                  find      Search a directory of the current snapshot (default: the WORKDIR) by
                            name, type and depth, read through the engine: no find needed in the
                            image.
                  stat      Type, size, mode, owner and mtime of paths in the current snapshot,
                            from the engine's archive headers (GNU stat's layout, without inode
                            and device).
                  grep      Search the files under PATH (default: the WORKDIR) of the current
                            snapshot for a regular expression (Java/ERE syntax), recursively,
                            streamed through the engine. Fails when nothing matches, as grep
                            does.
                  diff      Files added (A), changed (C) and removed (D) between two steps of
                            the current stage, with sizes: no arguments compares the current
                            step with the one before, 'diff N' step N-1 with step N, 'diff A B'
                            step A with step B (step 0 is an empty filesystem). Read from the
                            snapshots' layers.
                  layers    Size each step of the current stage adds, its biggest files, and the
                            space wasted on files overwritten or deleted later, with dive's
                            image efficiency; the base image is one line.
                  context   The build context exactly as COPY and ADD see it, after
                            .dockerignore: every file, directory (shown with a trailing /) and
                            symlink, or only those at and under PATH.
                  check     Show every build check warning of the loaded Dockerfile (BuildKit's
                            rules, as docker build --check finds them). After reload or edit it
                            checks the file as it is now.
                  cp        Copy a file or directory of the current snapshot to the host,
                            keeping modes and times, with docker cp's rules: into HOSTPATH if it
                            is a directory, else as HOSTPATH; PATH/. copies a directory's
                            contents. A symlink is copied as a link unless -L.
                  exec      Run a one-off command in a throwaway container of the current
                            snapshot, with the environment 'env' shows, the WORKDIR and the
                            USER; output is streamed and a non-zero exit fails the command. The
                            snapshot is not changed. CMD runs as given (no shell): in images
                            without tools, busybox applets work as '/dev/.stagesh/busybox APPLET
                            ...'.
                  help      List the commands, or describe one.
                  quit      End the session, removing its containers and snapshots.
                'help COMMAND' tells more.
                """);
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
