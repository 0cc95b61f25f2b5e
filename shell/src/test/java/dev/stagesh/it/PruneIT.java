package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagesh prune} removes the build cache (snapshots and cache-mount volumes) and the toolbox, so
 * the next session runs every step again. On a second engine of the test's own: prune removes what every
 * session shares, and other tests on the machine's engine are using it.
 */
class PruneIT {
    private static SecondEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() throws IOException {
        Preconditions.need(SecondEngine.unavailable());
        engine = SecondEngine.start(false);
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private List<String> labelled(String what, String label) {
        return switch (what) {
            case "images" -> DockerCli.lines(engine.clientEnv(), "images", "-aq", "--filter", "label=" + label);
            case "volumes" -> DockerCli.lines(engine.clientEnv(), "volume", "ls", "-q", "--filter", "label=" + label);
            default -> DockerCli.lines(engine.clientEnv(), "ps", "-aq", "--filter", "label=" + label);
        };
    }

    @Test
    void pruneRemovesTheCacheAndTheToolboxAndTheNextSessionRunsEveryStep() throws IOException {
        Path df = dir.resolve("Dockerfile");
        Files.writeString(df, "FROM busybox\nRUN --mount=type=cache,target=/c,id=prune-it echo x > /c/x && echo a > /a\n"
                + "RUN echo b > /b\n");
        var first = EngineFaultIT.runWith(engine.clientEnv(), "-c", "continue; cat /a /b", df.toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).isEqualTo("a\nb\n");
        var cached = EngineFaultIT.runWith(engine.clientEnv(), "-c", "continue; cat /b", df.toString());
        assertThat(cached.stderr()).as("the second session finds the cache").contains("CACHED");
        assertThat(labelled("images", "stagesh.cache")).as("cache entries").hasSizeGreaterThanOrEqualTo(2);
        assertThat(labelled("volumes", "stagesh.cache-mount=prune-it")).as("the cache mount's volume").hasSize(1);
        assertThat(labelled("volumes", "stagesh.toolbox")).as("the toolbox").hasSize(1);

        var prune = EngineFaultIT.runWith(engine.clientEnv(), "prune");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout() + prune.stderr()).as(prune.toString())
                .containsPattern("removed \\d+ containers, [1-9]\\d* images, [1-9]\\d* volumes\n");
        assertThat(labelled("images", "stagesh.session")).as("images left after prune").isEmpty();
        assertThat(labelled("volumes", "stagesh.session")).as("volumes left after prune").isEmpty();
        assertThat(labelled("containers", "stagesh.session")).as("containers left after prune").isEmpty();

        var after = EngineFaultIT.runWith(engine.clientEnv(), "-c", "continue; cat /b", df.toString());
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.stderr()).as("nothing is cached any more").doesNotContain("CACHED");
        assertThat(after.stdout()).isEqualTo("b\n");
    }
}
