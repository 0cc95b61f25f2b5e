package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BuildKit's build checks through the product, against the real engine: {@code stagesh check} (its text, its JSON,
 * its exit codes, the two rules that need the engine and the context), and the shell's warning line, {@code list}
 * marks and {@code check} command in script mode.
 */
class BuildChecksIT {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aCleanFileExitsZero() throws IOException {
        Path df = write("Dockerfile", "FROM busybox\nCOPY a.txt /a\nCMD [\"cat\", \"/a\"]\n");
        var r = Stagesh.run("", dir, java.util.Map.of(), "check");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("Check complete, no warnings found.\n");
        assertThat(df).exists();
    }

    @Test
    void warningsArePrintedAsDockerBuildCheckPrintsThemAndExitOne() throws IOException {
        write("Dockerfile", "FROM busybox as base\nCMD echo hi\n");
        var r = Stagesh.run("", dir, java.util.Map.of(), "check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("""
                Check complete, 2 warnings have been found!

                WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/
                'as' and 'FROM' keywords' casing do not match
                Dockerfile:1
                --------------------
                   1 | >>> FROM busybox as base
                   2 |     CMD echo hi
                   3 |    \s
                --------------------

                WARNING: JSONArgsRecommended - https://docs.docker.com/go/dockerfile/rule/json-args-recommended/
                JSON arguments recommended for CMD to prevent unintended behavior related to OS signals
                Dockerfile:2
                --------------------
                   1 |     FROM busybox as base
                   2 | >>> CMD echo hi
                   3 |    \s
                --------------------
                """);
        // the file's own # check= and the build arg that overrides it
        write("Dockerfile", "# check=skip=FromAsCasing,JSONArgsRecommended\nFROM busybox as base\nCMD echo hi\n");
        assertThat(Stagesh.run("", dir, java.util.Map.of(), "check").exitCode()).isZero();
        var strict = Stagesh.run("", dir, java.util.Map.of(), "check", "--build-arg",
                "BUILDKIT_DOCKERFILE_CHECK=skip=JSONArgsRecommended;error=true");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.stderr()).contains("ERROR: lint violation found for rules: FromAsCasing");
    }

    @Test
    void jsonAsBuildxCallCheckGivesIt() throws IOException {
        write(".dockerignore", "secret.txt\n");
        Path df = write("app.Dockerfile", "FROM busybox\nCOPY secret.txt /s\nENV A b\n");
        var r = Stagesh.run("", null, java.util.Map.of(), "check", "--format", "json", "-f", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(found(json)).containsExactlyInAnyOrder(
                "2 CopyIgnoredFile: Attempting to Copy file \"secret.txt\" that is excluded by .dockerignore",
                "3 LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy \"ENV key value\" format");
        assertThat(json.get("warnings").get(0).get("description").asText()).isNotEmpty();
        assertThat(json.has("buildError")).isFalse();

        // where BuildKit stops, the warnings found before are kept and the error is given
        Files.writeString(df, "FROM busybox\nCOPY secret.txt /s\nARG BASE\nFROM $BASE\n");
        var stopped = Stagesh.run("", null, java.util.Map.of(), "check", "--format", "json", "-f", df.toString());
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        JsonNode error = new ObjectMapper().readTree(stopped.stdout());
        assertThat(found(error)).containsExactlyInAnyOrder(
                "4 UndefinedArgInFrom: FROM argument 'BASE' is not declared",
                "4 InvalidDefaultArgInFrom: Default value for ARG $BASE results in empty or invalid base image name");
        assertThat(error.get("buildError").get("message").asText()).isEqualTo("base name ($BASE) should not be blank");
        assertThat(error.get("buildError").get("location").get("ranges").get(0).get("start").get("line").asInt())
                .isEqualTo(4);
    }

    private static List<String> found(JsonNode json) {
        List<String> found = new ArrayList<>();
        json.get("warnings").forEach(w -> found.add(w.get("location").get("ranges").get(0).get("start").get("line")
                .asInt() + " " + w.get("ruleName").asText() + ": " + w.get("detail").asText()));
        return found;
    }

    @Test
    void theEngineSaysWhenTheBaseImageHasAnotherPlatform() throws IOException {
        // busybox here is the engine's own linux/amd64 image; asking for arm64 cannot be met by it
        write("Dockerfile", "FROM --platform=linux/arm64 busybox AS arm64\nRUN true\n");
        var r = Stagesh.run("", dir, java.util.Map.of(), "check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("WARNING: InvalidBaseImagePlatform\n"
                + "Base image busybox was pulled with platform \"linux/amd64\", expected \"linux/arm64\" for current "
                + "build\n");
        write("Dockerfile", "FROM busybox\nRUN true\n");
        assertThat(Stagesh.run("", dir, java.util.Map.of(), "check").exitCode()).isZero();
    }

    @Test
    void badInputIsOneLineAndExitOne() {
        var r = Stagesh.run("", dir, java.util.Map.of(), "check", "nope/Dockerfile");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("stagesh: no Dockerfile at nope/Dockerfile");
    }

    @Test
    void theShellSaysEachWarningOnceWhereItStandsAndCheckListsThemAll() throws IOException {
        Path df = write("Dockerfile", "FROM busybox\nENV MODE strict\nRUN true\nCMD echo done\n");
        var r = Stagesh.run("next\nnext\nback\nnext\nlist\ncheck\nquit\n", df.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String legacy = "warning: line 2: LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy "
                + "\"ENV key value\" format ('check' lists every warning)";
        // said when the session first stood at line 2, not again when it came back
        assertThat(r.stderr().lines().filter(l -> l.equals(legacy)).count()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).doesNotContain("warning: line 4");
        assertThat(r.stdout()).isEqualTo("""
                stage 0:
                ✓  1     1  FROM busybox
                →  2     2  ENV MODE strict  ! LegacyKeyValueFormat
                   3     3  RUN true
                   4     4  CMD echo done  ! JSONArgsRecommended
                line 2: LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/)
                line 4: JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (https://docs.docker.com/go/dockerfile/rule/json-args-recommended/)
                2 warnings
                """);
        assertThat(Leftovers.of(r.pid()).none()).as("what the session left").isTrue();
    }

    @Test
    void checkLooksAtTheFileAgainAfterReload() throws IOException {
        Path df = write("Dockerfile", "FROM busybox\nENV MODE strict\n");
        try (StageshProcess p = StageshProcess.start(java.util.Map.of(), df.toString())) {
            p.send("check").awaitStdout("(?s).*1 warning\n");
            assertThat(p.stdout()).startsWith("line 2: LegacyKeyValueFormat");
            Files.writeString(df, "FROM busybox\nENV MODE=strict\nCMD echo done\n");
            p.send("reload").send("check").awaitStdout("(?s).*JSONArgsRecommended.*\n1 warning\n");
            String afterReload = p.stdout().substring(p.stdout().indexOf("1 warning\n") + "1 warning\n".length());
            assertThat(afterReload).startsWith("line 3: JSONArgsRecommended: ").doesNotContain("LegacyKeyValueFormat");
            p.send("quit");
            assertThat(p.waitFor(java.time.Duration.ofMinutes(2))).as(p.toString()).isZero();
            assertThat(Leftovers.of(p.pid()).none()).isTrue();
        }
    }
}
