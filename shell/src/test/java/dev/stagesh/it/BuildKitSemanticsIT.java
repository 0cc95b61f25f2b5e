package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where stagesh follows BuildKit outside the image's files (issue 15): what the cache keys
 * hold, what the history says, which input is refused before a build, and what a build leaves
 * on the engine. Compared with this engine's BuildKit ({@code DOCKER_BUILDKIT=1 docker build})
 * where it can say, else with the Dockerfile reference and BuildKit's source, as each test says.
 */
class BuildKitSemanticsIT {
    private static final String PREFIX = "stagesh-bksem-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    private final List<Long> sessions = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();

    /** What this test's sessions made: the cache entries (labelled with their pid) and the tags. */
    @AfterEach
    void cleanup() {
        tags.forEach(Docker::removeImage);
        for (long pid : sessions) {
            for (int round = 0; round < 5; round++) {
                List<String> images = Docker.lines("images", "-q", "--filter", "label=stagesh.pid=" + pid);
                if (images.isEmpty()) {
                    break;
                }
                images.forEach(Docker::removeImage);
            }
        }
    }

    private Stagesh.Result run(String script, String... args) {
        Stagesh.Result r = Stagesh.run(script, args);
        sessions.add(r.pid());
        return r;
    }

    private String tag(String name) {
        String t = PREFIX + ":" + name;
        tags.add(t);
        return t;
    }

    /** Item 3: a RUN binding another stage's files is no cache hit once that stage changed. */
    @Test
    void aRunMountingAChangedStageIsNotCached() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox AS data
                ARG CONTENT
                RUN mkdir /d && echo "$CONTENT %s" > /d/f

                FROM busybox
                RUN --mount=type=bind,from=data,source=/d,target=/m cat /m/f > /out
                """.formatted(UUID.randomUUID()));
        String df = dir.resolve("Dockerfile").toString();
        var first = run("into stage 1\nnext\ncat /out\nquit\n", df, "--build-arg", "CONTENT=one");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).startsWith("one ");

        var second = run("into stage 1\nnext\ncat /out\nquit\n", df, "--build-arg", "CONTENT=two");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).as(second.stderr()).startsWith("two ");

        // the stage it mounts is built before the RUN starts, not inside it
        String err = second.stderr();
        assertThat(err.indexOf("RUN mkdir")).as(err).isGreaterThanOrEqualTo(0)
                .isLessThan(err.indexOf("RUN --mount"));
    }

    /** Item 6: a RUN's history names the build args in scope as BuildKit writes them. */
    @Test
    void aRunsHistoryNamesItsBuildArgsAsBuildKitDoes() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox
                ARG GREETING=hello
                ARG EMPTY
                RUN echo $GREETING > /g
                ENV GREETING=env-wins
                RUN true
                """);
        String ours = tag("history-stagesh");
        String theirs = tag("history-buildkit");
        var built = run("", "build", "-t", ours, "--build-arg", "GREETING=howdy", dir.resolve("Dockerfile").toString());
        assertThat(built.exitCode()).as(built.toString()).isZero();
        DockerCli.must(Map.of("DOCKER_BUILDKIT", "1"), EquivalenceIT.dockerCli(), "build", "-q", "-t", theirs,
                "--build-arg", "GREETING=howdy", dir.toString());
        // as Docker 28's BuildKit writes them (checked there); the RUN entries are the same in
        // Docker 20.10's, whose ARG entries were the instruction as written
        List<String> ours28 = List.of("RUN |2 GREETING=env-wins EMPTY= /bin/sh -c true # buildkit",
                "ENV GREETING=env-wins",
                "RUN |2 GREETING=howdy EMPTY= /bin/sh -c echo $GREETING > /g # buildkit",
                "ARG EMPTY",
                "ARG GREETING=howdy");
        List<String> ourHistory = history(ours);
        assertThat(ourHistory.subList(0, ours28.size())).isEqualTo(ours28);
        List<String> theirHistory = history(theirs);
        assertThat(ourHistory.size()).isEqualTo(theirHistory.size());
        assertThat(runs(ourHistory)).isEqualTo(runs(theirHistory));
    }

    private static List<String> runs(List<String> history) {
        return history.stream().filter(h -> h.startsWith("RUN ")).toList();
    }

    private static List<String> history(String image) {
        return Docker.lines("history", "--no-trunc", "--format", "{{.CreatedBy}}", image);
    }

    /** Item 7: EXPOSE of something that is no port is refused as docker build refuses it, before any step. */
    @Test
    void exposeOfNoPortIsRefusedWithItsLine() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN true\nEXPOSE 80 notaport\n");
        var r = run("", "build", "-t", tag("expose"), dir.resolve("Dockerfile").toString());
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).contains("Dockerfile:3").contains("invalid containerPort: notaport")
                .doesNotContain("RUN true").doesNotContain("Exception");
        assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
    }

    /** Item 7, expanded: a port from a variable is checked when its step runs, with its line. */
    @Test
    void anExpandedExposeOfNoPortIsRefusedAtItsStep() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nENV P=notaport\nEXPOSE $P\n");
        var r = run("", "build", "-t", tag("expose-env"), dir.resolve("Dockerfile").toString());
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).contains("line 3: EXPOSE: invalid containerPort: notaport");
    }

    /** Item 8: one bad tag refuses the build before it starts; good tags are applied and named. */
    @Test
    void everyTagIsCheckedBeforeBuildingAndTheAppliedOnesAreNamed() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo built > /b\n");
        String good = tag("good");
        var bad = run("", "build", "-t", PREFIX + "-Upper:x", "-t", good, dir.resolve("Dockerfile").toString());
        assertThat(bad.exitCode()).as(bad.toString()).isNotZero();
        assertThat(bad.stderr()).contains("invalid tag \"" + PREFIX + "-Upper:x\": repository name must be lowercase")
                .doesNotContain("RUN echo");
        assertThat(Docker.lines("images", "-q", good)).isEmpty();

        String other = tag("other");
        var ok = run("", "build", "-t", good, "-t", other.substring(0, other.indexOf(':')) + "-plain",
                dir.resolve("Dockerfile").toString());
        tags.add(other.substring(0, other.indexOf(':')) + "-plain:latest");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stderr()).contains("tagged " + good + ", " + PREFIX + "-plain:latest");
        assertThat(Docker.lines("images", "-q", good)).hasSize(1);
        assertThat(Docker.lines("images", "-q", PREFIX + "-plain:latest")).hasSize(1);
    }

    /** Item 10: a build leaves none of its bind-mount volumes behind, whether it succeeds or fails. */
    @Test
    void aBuildLeavesNoBindVolumesAfterSuccessOrFailure() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/data.txt"), "data\n");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox
                RUN --mount=type=bind,source=in,target=/in cat /in/data.txt > /copy
                RUN --mount=type=bind,source=in,target=/in2 sh -c 'exit ${FAIL:-0}'
                ARG FAIL
                RUN --mount=type=bind,source=in,target=/in3 sh -c "exit ${FAIL:-0}"
                """);
        String df = dir.resolve("Dockerfile").toString();
        var ok = run("", "build", "--no-cache", "-t", tag("volumes"), df);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(volumesOf(ok.pid())).isEmpty();

        var failed = run("", "build", "--no-cache", "-t", tag("volumes-failed"), "--build-arg", "FAIL=3", df);
        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(failed.stderr()).contains("exited with code 3");
        assertThat(volumesOf(failed.pid())).isEmpty();
    }

    private static List<String> volumesOf(long pid) {
        return Docker.lines("volume", "ls", "-q", "--filter", "label=stagesh.pid=" + pid);
    }

    /**
     * Item 2: a RUN's mounts leave no mount point in its layer, neither the empty file of a
     * secret or a single-file bind nor the directories of bind, cache and tmpfs targets (as
     * Docker 28's BuildKit builds it; its 20.10 predecessor left the directories); what the
     * command wrote beside a mount point stays.
     */
    @Test
    void aRunsMountsLeaveNoMountPointInItsLayer() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/data.txt"), "data\n");
        Files.writeString(dir.resolve("f.json"), "{}\n");
        Files.writeString(dir.resolve("token.txt"), "s3cret\n");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox
                RUN --mount=type=secret,id=tok --mount=type=secret,id=tok,target=/root/tok \\
                    --mount=type=bind,source=in,target=/mnt/in --mount=type=bind,source=f.json,target=/app/f.json \\
                    --mount=type=cache,id=%s,target=/var/cache/x --mount=type=tmpfs,target=/scratch/t \\
                    sh -c 'cat /run/secrets/tok /root/tok /mnt/in/data.txt /app/f.json > /seen && echo out > /app/out'
                """.formatted(PREFIX));
        String image = tag("mount-points");
        var r = run("", "build", "--no-cache", "-t", image, "--secret", "id=tok,src=" + dir.resolve("token.txt"),
                dir.resolve("Dockerfile").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String listing = Docker.run("run", "--rm", "--entrypoint", "sh", image, "-c",
                "cat /seen; for p in /run /run/secrets /run/secrets/tok /root/tok /mnt /mnt/in /app/f.json /var/cache "
                        + "/var/cache/x /scratch /scratch/t; do [ -e $p ] && echo left $p; done; ls /app; ls -d /root");
        assertThat(listing).isEqualTo("s3cret\ns3cret\ndata\n{}\nout\n/root\n");
        Docker.lines("volume", "ls", "-q", "--filter", "label=stagesh.cache-mount=" + PREFIX)
                .forEach(v -> Docker.run("volume", "rm", v));
    }

    /**
     * Item 10: bind-mount volumes an ended session left (a spent container still held them) go
     * at a later start; a live session's stay.
     */
    @Test
    void aLaterStartRemovesTheBindVolumesOfEndedSessionsOnly() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = System.getenv("HOSTNAME") != null && !System.getenv("HOSTNAME").isBlank()
                ? System.getenv("HOSTNAME") : java.net.InetAddress.getLocalHost().getHostName();
        String ended = PREFIX + "-ended";
        String live = PREFIX + "-live";
        Docker.run("volume", "create", "--label", "stagesh.session=" + ended, "--label", "stagesh.pid=" + gone.pid(),
                "--label", "stagesh.host=" + host, ended);
        Docker.run("volume", "create", "--label", "stagesh.session=" + live, "--label",
                "stagesh.pid=" + ProcessHandle.current().pid(), "--label", "stagesh.host=" + host, live);
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\n");
            var r = run("quit\n", dir.resolve("Dockerfile").toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(Docker.lines("volume", "ls", "-q", "--filter", "name=" + PREFIX)).containsExactly(live);
        } finally {
            for (String v : List.of(ended, live)) {
                try {
                    Docker.run("volume", "rm", v);
                } catch (AssertionError alreadyGone) {
                    // the start removed it
                }
            }
        }
    }
}
