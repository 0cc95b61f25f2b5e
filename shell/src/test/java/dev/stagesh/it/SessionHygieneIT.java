package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * However a session ends (quit, end of input, SIGINT, SIGTERM, even in the middle of a long
 * RUN) it leaves nothing on the engine: no container, no volume, no image but build cache
 * entries. A session killed with SIGKILL cannot clean up; the next start of stagesh does, and
 * touches only dead sessions' objects, never a live one's.
 */
class SessionHygieneIT {
    /**
     * A base image declaring a VOLUME, so working containers get anonymous volumes too, with a
     * symbolic link /link to the volume's directory.
     */
    private static final String BASE = "stagesh-it-volbase:" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @BeforeAll
    static void baseWithAVolume() {
        String c = Docker.run("create", "busybox:latest", "ln", "-s", "/data", "/link").strip();
        try {
            Docker.run("start", "-a", c);
            Docker.run("commit", "-c", "VOLUME [\"/data\"]", c, BASE);
        } finally {
            Docker.run("rm", "-f", c);
        }
    }

    @AfterAll
    static void removeBase() {
        Docker.removeImage(BASE);
    }

    private Path dockerfile() throws IOException {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM " + BASE + "\n"
                // WORKDIR asks the snapshot whether /link is a directory: the layer index follows no
                // symbolic link, so the engine resolves it, through a reader container of the snapshot
                // that the session keeps: a container of the session with the VOLUME's anonymous volume
                // (a plain directory is answered from the layers' index on a local engine, no container)
                + "WORKDIR /link\n"
                + "RUN echo a > /a\n"
                + "RUN echo b > /b && echo kept > /data/v\n"
                // the marker is printed only once the RUN's process runs (the step's header shows the expression)
                + "RUN echo \"started-$((6*7))\" && sleep 30\n"
                + "RUN echo after > /c\n");
        return f;
    }

    /** A session with three steps done and a fourth ready: it owns containers, volumes and images. */
    private StageshProcess sessionAtStep3() throws IOException {
        StageshProcess s = StageshProcess.start(Map.of(), "--no-cache", dockerfile().toString());
        s.send("next 4").send("cat /b").awaitStdout("^b\n");
        return s;
    }

    /** Volumes mounted by these containers; a container the session removed meanwhile has none. */
    private static List<String> volumesOf(List<String> containers) {
        return containers.stream().flatMap(c -> {
            try {
                return Docker.lines("inspect", "-f",
                        "{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}}\n{{end}}{{end}}", c).stream();
            } catch (AssertionError removedMeanwhile) {
                return java.util.stream.Stream.<String>empty();
            }
        }).filter(v -> !v.startsWith("stagesh-toolbox")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quit", "eof", "INT", "TERM", "INT during a RUN", "TERM during a RUN"})
    @Tag("compat")
    void everyWayOfEndingLeavesNothing(String how) throws IOException {
        try (StageshProcess s = sessionAtStep3()) {
            Leftovers during = Leftovers.of(s.pid());
            assertThat(during.containers()).as("the session's working container").isNotEmpty();
            assertThat(during.images()).as("the session's snapshots").hasSizeGreaterThanOrEqualTo(2);
            List<String> anonymous = volumesOf(during.containers());
            assertThat(anonymous).as("the base image's VOLUME, mounted in the working container").isNotEmpty();

            long start = System.nanoTime();
            switch (how) {
                case "quit" -> s.send("quit");
                case "eof" -> s.closeStdin();
                case "INT", "TERM" -> s.signal(how);
                default -> {
                    s.send("next").awaitStderr("(?m)^started-42$");
                    s.signal(how.substring(0, how.indexOf(' ')));
                }
            }
            int code = s.waitFor(Duration.ofSeconds(25));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            int expected = switch (how.split(" ")[0]) {
                case "INT" -> 130;
                case "TERM" -> 143;
                default -> 0;
            };
            assertThat(code).as(s.toString()).isEqualTo(expected);
            assertThat(took).as("ending must not wait for the RUN to finish").isLessThan(Duration.ofSeconds(20));
            assertThat(Leftovers.of(s.pid()).none()).as("left on the engine: " + Leftovers.of(s.pid())).isTrue();
            for (String v : anonymous) {
                assertThat(DockerCli.exec(Map.of(), "docker", "volume", "inspect", v).exitCode())
                        .as("anonymous volume " + v + " removed").isNotZero();
            }
            assertThat(s.stderr()).doesNotContain("Exception").doesNotContain("internal error").doesNotContain("\tat ");
            if (expected != 0) {
                assertThat(s.stderr()).contains("stagesh: stopped; the session's containers and snapshots are removed\n");
            }
        }
    }

    @Test
    @Tag("compat")
    void afterSigkillTheNextStartReapsOnlyTheDeadSession() throws IOException {
        try (StageshProcess killed = sessionAtStep3(); StageshProcess alive = sessionAtStep3()) {
            Leftovers killedBefore = Leftovers.of(killed.pid());
            Leftovers aliveBefore = Leftovers.of(alive.pid());
            List<String> killedAnonymous = volumesOf(killedBefore.containers());
            List<String> aliveAnonymous = volumesOf(aliveBefore.containers());
            assertThat(killedAnonymous).as("the base image's VOLUME in the killed session's container").isNotEmpty();
            assertThat(killedBefore.containers()).isNotEmpty();
            assertThat(killedBefore.images()).hasSizeGreaterThanOrEqualTo(2);

            killed.signal("KILL");
            assertThat(killed.waitFor(Duration.ofSeconds(20))).isEqualTo(137);
            assertThat(Leftovers.of(killed.pid())).as("SIGKILL leaves everything").isEqualTo(killedBefore);

            Files.writeString(dir.resolve("Other"), "FROM busybox\n");
            var third = Stagesh.run("", dir.resolve("Other").toString(), "-c", "ls /bin/sh");
            assertThat(third.exitCode()).as(third.toString()).isZero();
            assertThat(third.stderr()).containsPattern("removed what killed stagesh sessions left: [1-9]\\d* containers, [1-9]\\d* images");

            assertThat(Leftovers.of(killed.pid()).none()).as("left of the killed session: " + Leftovers.of(killed.pid())).isTrue();
            for (String v : killedAnonymous) {
                assertThat(DockerCli.exec(Map.of(), "docker", "volume", "inspect", v).exitCode())
                        .as("the killed session's anonymous volume " + v + " reaped").isNotZero();
            }
            for (String v : aliveAnonymous) {
                assertThat(DockerCli.exec(Map.of(), "docker", "volume", "inspect", v).exitCode())
                        .as("the live session's anonymous volume " + v + " kept").isZero();
            }
            Leftovers aliveAfter = Leftovers.of(alive.pid());
            assertThat(aliveAfter.containers()).as("the live session keeps its containers")
                    .containsExactlyInAnyOrderElementsOf(aliveBefore.containers());
            assertThat(aliveAfter.images()).as("the live session keeps its images")
                    .containsExactlyInAnyOrderElementsOf(aliveBefore.images());
            alive.send("cat /a").awaitStdout("^b\na\n");
            alive.send("quit");
            assertThat(alive.waitFor(Duration.ofSeconds(30))).as(alive.toString()).isZero();
            assertThat(Leftovers.of(alive.pid()).none()).isTrue();
        }
    }
}
