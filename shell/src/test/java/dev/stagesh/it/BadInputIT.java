package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input a user can give ends in one line on stderr that says what is wrong and
 * where (file:line:column, or the missing name), a non-zero exit, and no stack trace.
 */
class BadInputIT {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    /** Runs stagesh; checks exit, exactly one error line, no trace; returns that line. */
    private static String oneError(Stagesh.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        List<String> errors = Arrays.stream(r.stderr().split("\n")).filter(l -> l.startsWith("stagesh: ")).toList();
        assertThat(errors).as(r.toString()).hasSize(1);
        assertThat(r.stderr()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
        String last = r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as("the error is the last line").isEqualTo(errors.get(0));
        System.out.println("[bad input] " + errors.get(0));
        return errors.get(0);
    }

    @Test
    void aShellForAContainerThatIsGoneSaysSoInOneLine() {
        // what an editor's terminal runs for stagesh dap's shell, after the session ended
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        assertThat(oneError(Stagesh.run("", "attach-shell", "--host", host, "stagesh-no-such-container", "--", "/bin/sh")))
                .isEqualTo("stagesh: attach-shell: no running container stagesh-no-such-container at " + host
                        + " (its debug session has ended, or its shell was closed)");
    }

    @Test
    void dockerfileErrorsPointAtFileLineAndColumn() throws IOException {
        Path malformed = write("malformed/Dockerfile", "FROM busybox\nRUN echo hi\nCOPY <<EOF /x\nnever closed\n");
        assertThat(oneError(Stagesh.run("", malformed.toString(), "-c", "continue")))
                .isEqualTo("stagesh: " + malformed + ":3:1: unterminated heredoc");

        Path unknown = write("unknown/Dockerfile", "FROM busybox\nFROB x\n");
        assertThat(oneError(Stagesh.run("", unknown.toString(), "-c", "continue")))
                .isEqualTo("stagesh: " + unknown + ":2:1: unknown instruction: FROB");

        Path flag = write("flag/Dockerfile", "FROM busybox\nCOPY --frob=1 a /\n");
        assertThat(oneError(Stagesh.run("", flag.toString(), "-c", "continue")))
                .startsWith("stagesh: " + flag + ":2:6: unknown flag: --frob");

        Path binary = dir.resolve("binary");
        Files.write(binary, Files.readAllBytes(Path.of("/bin/sh")));
        assertThat(oneError(Stagesh.run("", binary.toString(), "-c", "continue")))
                .matches("stagesh: " + binary + ":1:\\d+: not a Dockerfile \\(binary content, byte 0x[0-9a-f]{2}\\)");
    }

    @Test
    void aHundredMegabyteDockerfileFailsFast() throws IOException {
        Path big = dir.resolve("big/Dockerfile");
        Files.createDirectories(big.getParent());
        byte[] line = ("RUN echo " + "x".repeat(1014) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write("FROM busybox\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100 * 1024; i++) {
                out.write(line);
            }
        }
        long start = System.nanoTime();
        var r = Stagesh.run("", big.toString(), "-c", "continue");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(oneError(r)).isEqualTo("stagesh: " + big + ": 100 MiB is too big for a Dockerfile (the limit is 4 MiB)");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void missingFilesAndDirectoriesAreNamed() throws IOException {
        Path nowhere = dir.resolve("nope/Dockerfile");
        assertThat(oneError(Stagesh.run("", nowhere.toString(), "-c", "continue")))
                .isEqualTo("stagesh: no Dockerfile at " + nowhere + " (give one: stagesh path/to/Dockerfile)");
        Path df = write("ok/Dockerfile", "FROM busybox\n");
        assertThat(oneError(Stagesh.run("", df.toString(), "-C", dir.resolve("no-such-dir").toString(), "-c", "continue")))
                .isEqualTo("stagesh: the build context " + dir.resolve("no-such-dir") + " does not exist");
        assertThat(oneError(Stagesh.run("", df.toString(), "--frobnicate")))
                .isEqualTo("stagesh: Unknown option: '--frobnicate' (stagesh --help)");
    }

    @Test
    void copySourcesOutsideTheContextAreRefused() throws IOException {
        Path ctx = dir.resolve("ctx");
        Files.createDirectories(ctx);
        Files.writeString(dir.resolve("secret"), "outside\n");
        Files.createSymbolicLink(ctx.resolve("link"), dir.resolve("secret"));
        Path up = write("ctx/Up.Dockerfile", "FROM busybox\nCOPY ../secret /x\n");
        assertThat(oneError(Stagesh.run("", up.toString(), "-c", "continue")))
                .isEqualTo("stagesh: line 2: COPY failed: forbidden path outside the build context: ../secret");
        Path abs = write("ctx/Abs.Dockerfile", "FROM busybox\nCOPY " + dir.resolve("secret") + " /x\n");
        assertThat(oneError(Stagesh.run("", abs.toString(), "-c", "continue")))
                .startsWith("stagesh: line 2: COPY failed: file not found in build context or excluded by .dockerignore");
        Path sym = write("ctx/Sym.Dockerfile", "FROM busybox\nCOPY link /x\n");
        assertThat(oneError(Stagesh.run("", sym.toString(), "-c", "continue")))
                .isEqualTo("stagesh: line 2: COPY failed: forbidden path outside the build context: link (link -> " + dir.resolve("secret") + ")");

        write("ignored/f.txt", "hi\n");
        write("ignored/.dockerignore", "*\n");
        Path ignored = write("ignored/Dockerfile", "FROM busybox\nCOPY f.txt /\n");
        assertThat(oneError(Stagesh.run("", ignored.toString(), "-c", "continue")))
                .isEqualTo("stagesh: line 2: COPY failed: file not found in build context or excluded by .dockerignore: stat f.txt: file does not exist");
    }

    @Test
    void missingImagesStagesPathsAndCommandsAreNamed() throws IOException {
        Path nobase = write("nobase/Dockerfile", "FROM 127.0.0.1:1/no-such-image:1.0\nRUN true\n");
        assertThat(oneError(Stagesh.run("", nobase.toString(), "-c", "continue")))
                .startsWith("stagesh: line 1: FROM: base image 127.0.0.1:1/no-such-image:1.0 is not on this engine and cannot be pulled");

        Path stages = write("stages/Dockerfile", "FROM busybox AS build\nRUN echo hi > /hi\nFROM busybox\nCOPY --from=nope /x /x\n");
        assertThat(oneError(Stagesh.run("", stages.toString(), "--target", "nope", "-c", "continue")))
                .isEqualTo("stagesh: " + stages + ": unknown stage \"nope\"; the stages are: 0 (build), 1");
        assertThat(oneError(Stagesh.run("", stages.toString(), "-c", "into stage nope")))
                .isEqualTo("stagesh: " + stages + ": unknown stage \"nope\"; the stages are: 0 (build), 1");
        assertThat(oneError(Stagesh.run("", stages.toString(), "-c", "continue")))
                .contains("line 4: COPY: --from=nope is neither a stage of this Dockerfile nor an image");

        assertThat(oneError(Stagesh.run("", stages.toString(), "-c", "into stage build; ls /nope")))
                .isEqualTo("stagesh: ls: cannot access '/nope': No such file or directory");
        assertThat(oneError(Stagesh.run("", stages.toString(), "-c", "into stage build; cat /nope")))
                .isEqualTo("stagesh: cat: /nope: No such file or directory");
        Path user = write("user/Dockerfile", "FROM busybox\nUSER nosuch\nRUN true\n");
        assertThat(oneError(Stagesh.run("", user.toString(), "-c", "continue")))
                .isEqualTo("stagesh: line 3: RUN: the engine cannot start the command: unable to find user nosuch:"
                        + " no matching entries in passwd file");
        assertThat(oneError(Stagesh.run("lss /\n", stages.toString())))
                .isEqualTo("stagesh: unknown command 'lss'; 'help' lists the commands");
    }
}
