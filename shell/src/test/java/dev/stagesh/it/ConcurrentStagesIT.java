package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagesh build} runs the independent stages a target needs side by side, as BuildKit does:
 * both stages' output is there, each line saying its stage and step; the image is the one a
 * one-by-one build gives; a stage that fails stops the other and nothing is left.
 */
class ConcurrentStagesIT {
    private final Sessions sessions = new Sessions();
    private final String repo = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> tags = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void noLeftovers() {
        tags.forEach(Docker::removeImage);
        sessions.assertNothingLeft();
    }

    private String tag(String name) {
        String t = repo + ":" + name;
        tags.add(t);
        return t;
    }

    private static final String TWO_STAGES = """
            FROM busybox AS a
            RUN for i in 1 2 3; do echo a-$i; sleep 1; done
            RUN mkdir /out && echo built-a > /out/a.txt && chmod 640 /out/a.txt
            FROM busybox AS b
            RUN for i in 1 2 3; do echo b-$i >&2; sleep 1; done
            RUN mkdir /out && echo built-b > /out/b.txt
            FROM busybox
            ENV WHO=both
            COPY --from=a /out/a.txt /a.txt
            COPY --from=b /out/b.txt /b.txt
            CMD ["cat", "/a.txt", "/b.txt"]
            """;

    @Test
    @Tag("compat")
    void independentStagesRunSideBySideEachLineNamingItsStageAndGiveTheImageOfABuildOneByOne() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, TWO_STAGES);

        String beside = tag("beside");
        var r = sessions.run("", "build", "--no-cache", "-t", beside, file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stderr().lines().toList();
        // each stage's output, whole lines, prefixed with its stage and step
        for (int i = 1; i <= 3; i++) {
            assertThat(lines).as(r.toString()).contains("[0 (a) 2/3] a-" + i, "[1 (b) 2/3] b-" + i);
        }
        // they overlapped: b's RUN started before a's three seconds were over
        assertThat(lines.indexOf("[1 (b) 2/3] b-1")).as(r.toString()).isLessThan(lines.indexOf("[0 (a) 2/3] a-3"));
        // the summary, in Dockerfile order, before the target's own steps
        int summaryA = indexStartingWith(lines, "  stage 0 (a): 3 steps");
        int summaryB = indexStartingWith(lines, "  stage 1 (b): 3 steps");
        assertThat(summaryA).as(r.toString()).isNotNegative().isLessThan(summaryB);
        assertThat(summaryB).isLessThan(lines.indexOf("[2 1/5] FROM busybox"));
        assertThat(Docker.run("run", "--rm", beside)).isEqualTo("built-a\nbuilt-b\n");

        // the same stages one by one: 'next' runs only the stage it is in
        String sequential = tag("one-by-one");
        var s = sessions.run("into 0\nnext 9\ninto 1\nnext 9\ninto 2\ncommit " + sequential + "\nquit\n",
                "--no-cache", file.toString());
        assertThat(s.exitCode()).as(s.toString()).isZero();
        assertThat(s.stderr()).doesNotContain("[0 (a) 2/3] a-1").contains("a-1");

        ImageFiles.Image one = ImageFiles.of(beside, dir);
        ImageFiles.Image two = ImageFiles.of(sequential, dir);
        assertThat(one.files()).isEqualTo(two.files());
        assertThat(one.config().get("config")).isEqualTo(two.config().get("config"));
        assertThat(history(one.config())).isEqualTo(history(two.config()));
        // as many layers (their digests differ: the files' times do)
        assertThat(one.config().get("rootfs").get("diff_ids").size()).isEqualTo(two.config().get("rootfs").get("diff_ids").size());
    }

    @Test
    @Tag("compat")
    void aStageThatFailsStopsTheOneBesideItNamesItselfAndLeavesNothing() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, """
                FROM busybox AS slow
                RUN echo slow-start; sleep 120; echo slow-end
                RUN echo never here
                FROM busybox AS broken
                RUN echo about to fail; sleep 2; exit 3
                FROM busybox
                COPY --from=slow /etc/passwd /x
                COPY --from=broken /etc/passwd /y
                """);
        long start = System.nanoTime();
        var r = sessions.run("", "build", "--no-cache", "-t", tag("failed"), file.toString());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).as(r.toString())
                .contains("stagesh: stage 1 (broken): line 5: RUN: the command exited with code 3")
                .contains("[1 (broken) 2/2] about to fail")
                .doesNotContain("[0 (slow) 2/3] slow-end").doesNotContain("[0 (slow) 3/3]").doesNotContain("Exception");
        assertThat(seconds).as("the slow stage was stopped, not waited for").isLessThan(90);
        assertThat(Docker.lines("images", "-q", repo)).isEmpty();
    }

    @Test
    @Tag("compat")
    void ctrlCWhileTwoStagesRunEndsBothAndLeavesNothing() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, """
                FROM busybox AS a
                RUN echo a-started; sleep 120
                FROM busybox AS b
                RUN echo b-started >&2; sleep 120
                FROM busybox
                COPY --from=a /etc/passwd /x
                COPY --from=b /etc/passwd /y
                """);
        try (StageshProcess p = StageshProcess.start(java.util.Map.of(), "build", "--no-cache", "-t", tag("int"),
                file.toString())) {
            sessions.add(p.pid());
            p.awaitStderr("(?m)^\\[0 \\(a\\) 2/2\\] a-started$").awaitStderr("(?m)^\\[1 \\(b\\) 2/2\\] b-started$");
            long start = System.nanoTime();
            p.signal("INT");
            int code = p.waitFor(java.time.Duration.ofSeconds(60));
            assertThat(code).as(p.toString()).isEqualTo(130);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("neither RUN is waited for")
                    .isLessThan(java.time.Duration.ofSeconds(45));
            assertThat(p.stderr()).contains("stagesh: stopped; the session's containers and snapshots are removed")
                    .doesNotContain("Exception");
        }
    }

    @Test
    @Tag("compat")
    void aStepTwoStagesHaveInCommonRunsOnceAndItsFailureIsToldAsItsOwnStagesFailure() throws IOException {
        // as BuildKit's solver merges identical vertices (the equivalence case shared-steps)
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, """
                FROM busybox AS one
                RUN cat /proc/sys/kernel/random/uuid > /stamp && echo ran-here && sleep 1
                RUN echo one > /who
                FROM busybox AS two
                RUN cat /proc/sys/kernel/random/uuid > /stamp && echo ran-here && sleep 1
                RUN echo two > /who
                FROM busybox
                COPY --from=one /stamp /one
                COPY --from=two /stamp /two
                RUN cmp /one /two && cat /one
                """);
        var r = sessions.run("", "build", "--no-cache", "-t", tag("shared"), file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stderr().lines().toList();
        assertThat(lines.stream().filter(l -> l.endsWith("] ran-here"))).as(r.toString()).hasSize(1);
        String ranIn = lines.stream().filter(l -> l.endsWith("] ran-here")).findFirst().orElseThrow();
        boolean inOne = ranIn.startsWith("[0 (one) 2/3]");
        String waited = inOne ? "[1 (two) 2/3] the same step as stage 0 (one) step 2: run once, there ("
                : "[0 (one) 2/3] the same step as stage 1 (two) step 2: run once, there (";
        assertThat(lines).as(r.toString()).anyMatch(l -> l.startsWith(waited));
        // the steps after it are each stage's own
        assertThat(lines).contains("[0 (one) 3/3] RUN echo one > /who", "[1 (two) 3/3] RUN echo two > /who");

        Files.writeString(file, """
                FROM busybox AS one
                RUN echo failing && sleep 1 && exit 4
                FROM busybox AS two
                RUN echo failing && sleep 1 && exit 4
                FROM busybox
                COPY --from=one /etc/passwd /x
                COPY --from=two /etc/passwd /y
                """);
        var f = sessions.run("", "build", "--no-cache", "-t", tag("shared-failed"), file.toString());
        assertThat(f.exitCode()).as(f.toString()).isEqualTo(1);
        // the stage where it ran and failed is the one told, not the one that waited for it
        assertThat(f.stderr()).as(f.toString())
                .containsPattern("stagesh: stage [01] \\((one|two)\\): line [24]: RUN: the command exited with code 4")
                .doesNotContain("the same step did not finish").doesNotContain("Exception");
        assertThat(Docker.lines("images", "-q", repo + ":shared-failed")).isEmpty();
    }

    private static int indexStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Each history entry without its time: what made it and whether it has a layer. */
    private static List<String> history(JsonNode config) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : config.get("history")) {
            out.add(h.path("created_by").asText() + " " + h.path("empty_layer").asBoolean(false));
        }
        return out;
    }
}
