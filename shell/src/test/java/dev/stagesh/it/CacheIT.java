package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The build cache across sessions: a later session reuses the snapshots of an earlier one
 * (the proof is a RUN's random output coming back unchanged), a changed COPY source or build
 * arg invalidates that step and everything after it, {@code --no-cache} ignores the cache, and
 * a failed step's snapshot, which is never cached, does not take the cached steps before it
 * away when the session ends.
 */
class CacheIT {
    @TempDir
    Path dir;

    private final List<Long> sessions = new ArrayList<>();

    /** The cache entries this test's sessions made are this test's to remove. */
    @AfterEach
    void removeCacheEntries() {
        for (long pid : sessions) {
            for (int round = 0; round < 5; round++) {
                List<String> images = DockerCli.lines(java.util.Map.of(), "images", "-q", "--filter",
                        "label=stagesh.pid=" + pid);
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

    /**
     * A metadata step makes no image (its snapshot is the parent's image with the config in
     * memory), so the config it changed must be in the key of the RUN after it: a changed ENV runs
     * the RUN again, and the unchanged one is still served from the cache.
     */
    @Test
    void aChangedEnvBeforeARunRunsItAgain() throws IOException {
        String nonce = UUID.randomUUID().toString();
        Path df = dir.resolve("Dockerfile");
        String body = """
                FROM busybox
                ENV GREETING=%s
                RUN echo "$GREETING %s" > /greeting
                """;
        Files.writeString(df, body.formatted("hello", nonce));
        var first = run("continue\ncat /greeting\nquit\n", df.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).isEqualTo("hello " + nonce + "\n");

        Files.writeString(df, body.formatted("howdy", nonce));
        var changed = run("continue\ncat /greeting\nquit\n", df.toString());
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.stderr()).doesNotContain("CACHED");
        assertThat(changed.stdout()).isEqualTo("howdy " + nonce + "\n");

        var again = run("continue\ncat /greeting\nquit\n", df.toString());
        assertThat(again.stderr()).contains("CACHED");
        assertThat(again.stdout()).isEqualTo("howdy " + nonce + "\n");
    }

    /** As above for the working directory a WORKDIR of an existing directory sets: it places a relative COPY. */
    @Test
    void aChangedWorkdirBeforeACopyPlacesItAgain() throws IOException {
        Files.writeString(dir.resolve("f.txt"), UUID.randomUUID() + "\n");
        Path df = dir.resolve("Dockerfile");
        Files.writeString(df, "FROM busybox\nWORKDIR /tmp\nCOPY f.txt .\n");
        var first = run("continue\nls /tmp/f.txt\nquit\n", df.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();

        Files.writeString(df, "FROM busybox\nWORKDIR /etc\nCOPY f.txt .\n");
        var moved = run("continue\nls /etc/f.txt\nquit\n", df.toString());
        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.stdout()).isEqualTo("/etc/f.txt\n");
        assertThat(moved.stderr()).doesNotContain("CACHED");
    }

    @Test
    @Tag("compat")
    void aLaterSessionReusesStepsUntilTheFirstChangedOne() throws IOException {
        String nonce = UUID.randomUUID().toString();
        Files.writeString(dir.resolve("input.txt"), "one\n");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox
                RUN echo %s-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \\n') > /random
                COPY input.txt /input.txt
                ARG FLAVOUR=plain
                RUN cat /input.txt /random > /both && echo $FLAVOUR > /flavour
                RUN false
                """.formatted(nonce));
        String df = dir.resolve("Dockerfile").toString();

        var first = run("until 6\ncat /random\ncontinue\nquit\n", df);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1); // the RUN false, whose snapshot goes at the end
        assertThat(first.stderr()).doesNotContain("CACHED");
        String random = first.stdout().lines().filter(l -> l.startsWith(nonce)).findFirst().orElseThrow();

        // every step before the failing one comes from the cache, so the random line is the same
        var second = run("until 6\ncat /random\ncat /both\nquit\n", df);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).contains(random + "\n").contains("one\n" + random + "\n");
        assertThat(second.stderr().split("CACHED", -1)).as(second.stderr()).hasSize(4); // RUN, COPY, RUN

        // a changed COPY source: the RUN before it stays cached, the COPY and what follows run again
        Files.writeString(dir.resolve("input.txt"), "two\n");
        var changed = run("until 6\ncat /both\nquit\n", df);
        assertThat(changed.stdout()).contains("two\n" + random + "\n");
        assertThat(changed.stderr().split("CACHED", -1)).as(changed.stderr()).hasSize(2);

        // a different build arg changes the RUNs after its declaration, as in docker build
        var arg = run("until 6\ncat /flavour\nquit\n", df, "--build-arg", "FLAVOUR=spicy");
        assertThat(arg.stdout()).contains("spicy\n");
        assertThat(arg.stderr().split("CACHED", -1)).as(arg.stderr()).hasSize(3);

        // --no-cache runs everything again: a new random line
        var fresh = run("until 6\ncat /random\nquit\n", df, "--no-cache");
        assertThat(fresh.stderr()).doesNotContain("CACHED");
        assertThat(fresh.stdout()).contains(nonce).doesNotContain(random);
    }
}
