package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Breakpoints, until, reload and edit, ONBUILD triggers and ADD of an archive, through script mode. */
class NavigationIT {
    @TempDir
    Path dir;

    private Path dockerfile(String text) throws IOException {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void continueStopsBeforeBreakpointsAndUntilStopsBeforeALine() throws IOException {
        Path df = dockerfile("""
                FROM busybox
                RUN echo 1 > /f
                RUN echo 2 > /f
                RUN echo 3 > /f
                RUN echo 4 > /f
                """);
        var r = Stagesh.run("break 4\nbreak on-error\nbreaks\ncontinue\ncat /f\ncontinue\ncat /f\nrestart\n"
                + "delete 1\nuntil 3\ncat /f\ncontinue\ncat /f\nquit\n", df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("breakpoint 1 at line 4\non-error on\n1  line 4\non-error on\n2\n4\n1\n4\n");
        assertThat(r.stderr()).contains("stopped at breakpoint 1 (line 4) before step 4: RUN echo 3 > /f");
    }

    @Test
    void editReloadsAndReRunsFromTheFirstChangedInstruction() throws IOException {
        // the blank line puts each step after the first one line below its number: the editor's +LINE is the
        // current step's line in the file, not its step number
        Path df = dockerfile("""
                FROM busybox

                RUN echo kept > /kept && date +%s%N > /stamp
                RUN echo v1 > /f
                RUN echo after > /after
                """);
        Path editor = dir.resolve("editor.sh");
        Path called = dir.resolve("editor-arguments");
        // called as: editor +LINE FILE; it records what it was given, one argument a line
        Files.writeString(editor, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + called + "'\nsed -i 's/v1/v2/' \"$2\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        var r = Stagesh.run("continue\ncat /f /stamp\nedit\ncat /f /stamp /after\nquit\n", null,
                Map.of("EDITOR", editor.toString(), "VISUAL", ""), df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String[] out = r.stdout().split("\n");
        assertThat(out[0]).isEqualTo("v1");
        assertThat(out[2]).isEqualTo("v2");
        assertThat(out[3]).as("step 2 was kept, not re-run").isEqualTo(out[1]);
        assertThat(out[4]).isEqualTo("after");
        assertThat(r.stderr()).contains("keeps 2 of 4 steps");
        // opened at the current step (4, RUN echo after) on its line of the file
        assertThat(Files.readAllLines(called)).containsExactly("+5", df.toString());
    }

    @Test
    void onbuildTriggersOfAStageRunInItsChild() throws IOException {
        Path df = dockerfile("""
                FROM busybox AS base
                ONBUILD RUN echo triggered > /t
                FROM base AS child
                RUN cat /t
                """);
        var r = Stagesh.run("into stage child\ncontinue\ncat /t\nconfig\nquit\n", df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("triggered\n").doesNotContain("OnBuild");
    }

    @Test
    void addExtractsALocalArchive() throws IOException {
        try (OutputStream f = Files.newOutputStream(dir.resolve("app.tar.gz"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(f))) {
            byte[] data = "inside the archive\n".getBytes();
            TarArchiveEntry e = new TarArchiveEntry("app/readme.txt");
            e.setSize(data.length);
            e.setMode(0640);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        Path df = dockerfile("FROM busybox\nADD app.tar.gz /opt/\nADD --chmod=755 app.tar.gz /raw/app.tgz\n");
        var r = Stagesh.run("continue\ncat /opt/app/readme.txt\nls -l /opt/app\nquit\n", df.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("inside the archive\n").contains("-rw-r----- 1 root root");
    }

    @Test
    void addOfAnUnreachableUrlIsAOneLineError() throws IOException {
        Path df = dockerfile("FROM busybox\nADD http://127.0.0.1:9/nothing.txt /x\n");
        var r = Stagesh.run("", df.toString(), "--no-cache", "-c", "continue");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("line 2: ADD: cannot download http://127.0.0.1:9/nothing.txt");
    }
}
