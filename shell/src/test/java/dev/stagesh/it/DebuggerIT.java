package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the debugger showed or did the wrong thing (issue 15, items 13-16, 19 and 22), through
 * script mode against the real engine. The terminal-only ones are in {@link DebuggerTerminalIT}.
 */
class DebuggerIT {
    private final Sessions sessions = new Sessions();
    @TempDir
    Path dir;

    private final String tag = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8) + ":debugger";

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

    private Path editor(String sed) throws IOException {
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\n# called as: editor +LINE FILE\nsed -i '" + sed + "' \"$2\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        return editor;
    }

    // item 13
    @Test
    void aStageThatCopiesFromAChangedStageRunsAgainAfterReload() throws IOException {
        String v1 = """
                FROM busybox AS build
                RUN echo v1 > /f

                FROM busybox
                COPY --from=build /f /f
                """;
        Path df = dockerfile(v1);
        try (StageshProcess s = StageshProcess.start(Map.of(), "--no-cache", df.toString())) {
            s.send("into stage 1").send("continue").send("cat /f").awaitStdout("^v1\n");
            Files.writeString(df, v1.replace("v1", "v2"));
            s.send("reload").awaitStderr("stage 1 keeps 1 of 2 steps");
            // the COPY is pending again: running it builds the changed stage first
            s.send("continue").send("cat /f").send("commit " + tag).awaitStdout("^v1\nv2\nsha256:[0-9a-f]{64}\n");
            s.send("quit");
            assertThat(s.waitFor(java.time.Duration.ofSeconds(60))).as(s.toString()).isZero();
        }
        assertThat(Docker.run("run", "--rm", tag, "cat", "/f")).isEqualTo("v2\n");
    }

    // item 14
    @Test
    void readsOfAScratchStageShowNoneOfTheEnginesContainerFiles() throws IOException {
        Files.writeString(dir.resolve("f"), "mine\n");
        Path df = dockerfile("FROM scratch\nCOPY f /f\n");
        var r = sessions.run("", df.toString(), "-c", "continue; ls -a /; find / -type f; tree /; ls /etc");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo(".\n..\nf\n/f\n/\n└── f\n\n0 directories, 1 file\n");
        assertThat(r.stderr()).contains("ls: cannot access '/etc': No such file or directory");
    }

    // item 14: busybox has /etc, not /etc/hostname or /etc/mtab; a COPY to /etc/hosts is its own
    @Test
    void readsShowTheSnapshotsOwnFilesWhereTheEnginePutsItsPlaceholders() throws IOException {
        Files.writeString(dir.resolve("hosts"), "10.1.2.3 copied\n");
        Path df = dockerfile("FROM busybox\nCOPY hosts /etc/hosts\n");
        Path out = dir.resolve("out");
        var r = sessions.run("", df.toString(), "--no-cache", "-c",
                "continue; ls /etc; cat /etc/hosts; find /etc -name h*; cp /etc " + out);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("group\nhosts\npasswd\n10.1.2.3 copied\n/etc/hosts\n");
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted()).containsExactly("group", "hosts", "passwd");
        }
        assertThat(Files.readString(out.resolve("hosts"))).isEqualTo("10.1.2.3 copied\n");
    }

    // item 14: debian:bookworm-slim's layers hold /etc/hostname and /etc/resolv.conf, which every
    // container shows replaced by the engine's empty ones; the layers are the oracle here
    @Test
    void aBaseImagesOwnHostnameIsReadFromItsLayers() throws IOException {
        var image = ImageFiles.of("debian:bookworm-slim", Files.createDirectories(dir.resolve("save")));
        Path df = dockerfile("FROM debian:bookworm-slim\n");
        var r = sessions.run("", df.toString(), "-c", "cat /etc/hostname");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var own = image.files().get("/etc/hostname");
        assertThat(own).as("debian:bookworm-slim's layers hold /etc/hostname").isNotNull();
        assertThat(r.stdout()).isNotEmpty();
        assertThat(ImageFiles.sha256(r.stdout().getBytes(StandardCharsets.UTF_8))).isEqualTo(own.sha256());
        var ls = sessions.run("", df.toString(), "-c", "ls -a /");
        assertThat(ls.stdout()).doesNotContain(".dockerenv");
    }

    // item 15
    @Test
    void continueStopsAtABreakpointOnTheVeryNextStep() throws IOException {
        Path df = dockerfile("FROM busybox\nRUN echo 1 > /f\nRUN echo 2 > /f\n");
        var r = sessions.run("break RUN\nnext\ncontinue\ncontinue\ncat /f\ncontinue\ncat /f\nquit\n", df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("breakpoint 1 at every RUN\n1\n2\n");
        assertThat(r.stderr()).contains("stopped at breakpoint 1 (RUN) before step 2: RUN echo 1 > /f")
                .contains("stopped at breakpoint 1 (RUN) before step 3: RUN echo 2 > /f");
    }

    // item 16
    @Test
    void editOfALaterLineStaysWhereTheUserStood() throws IOException {
        Path df = dockerfile("FROM busybox\nRUN echo a > /a\nRUN echo b > /b\nRUN echo c > /c\n");
        var r = sessions.run("next 2\nedit\nls /\nnext\ncat /b\nquit\n", null,
                Map.of("EDITOR", editor("s/echo c/echo cc/").toString(), "VISUAL", ""), df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("stage 0 keeps 2 of 4 steps");
        String ls = r.stdout().substring(0, r.stdout().lastIndexOf("b\n"));
        assertThat(ls.split("\n")).contains("a").doesNotContain("b", "c");
        assertThat(r.stdout()).endsWith("\nb\n");
    }

    // item 19
    @Test
    void pruneLeavesALiveSessionAlone() throws IOException {
        Path df = dockerfile("FROM busybox\nRUN echo a > /a\nRUN echo b > /b\n");
        try (StageshProcess s = StageshProcess.start(Map.of(), "--no-cache", df.toString())) {
            s.send("next 2").send("cat /a").awaitStdout("^a\n");
            var before = Leftovers.of(s.pid());
            assertThat(before.containers()).isNotEmpty();
            var prune = sessions.run("", "prune");
            assertThat(prune.exitCode()).as(prune.toString()).isZero();
            assertThat(prune.stderr()).contains("left alone");
            assertThat(Leftovers.of(s.pid())).as("the live session's objects").isEqualTo(before);
            s.send("cat /a").send("next").send("cat /b").send("back").send("ls /a").awaitStdout("^a\na\nb\n/a\n");
            s.send("quit");
            assertThat(s.waitFor(java.time.Duration.ofSeconds(60))).as(s.toString()).isZero();
        }
    }

    // item 22
    @Test
    void scriptLinesFollowPosixShellQuotingAndComments() throws IOException {
        Path df = dockerfile("FROM busybox\nENV FOO=bar\nWORKDIR /app\nRUN echo hi > x\n");
        // the script's lines: ls /app # a note / exec sh -c "echo \$FOO" / exec echo "a\\b\x"
        var r = sessions.run("continue\nls /app # a note\nexec sh -c \"echo \\$FOO\"\nexec echo \"a\\\\b\\x\"\n",
                df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("x\nbar\na\\b\\x\n");
    }
}
