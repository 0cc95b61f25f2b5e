package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The multi-stage story end to end, exactly as the README tells it: a fat Go build stage, a
 * busybox final stage with only the binary, committed and run.
 */
class HelloGoIT {
    private static final String TAG = "hello:stagesh-it";

    @AfterEach
    void cleanup() {
        Docker.removeImage(TAG);
    }

    @Test
    void theReadmeFlowBuildsATinyImageThatRuns() {
        Path dockerfile = Path.of("..", "examples", "hello-go", "Dockerfile").toAbsolutePath().normalize();
        assertThat(Files.exists(dockerfile)).as(dockerfile.toString()).isTrue();
        var r = Stagesh.run("continue\nls -l /app/app\ninto stage 1\ncommit " + TAG + "\nquit\n",
                dockerfile.toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).containsPattern("-rwxr-xr-x +1 root +root +\\d+ .* /app/app\n");
        assertThat(Docker.run("run", "--rm", TAG)).isEqualTo("Hello World!!\n");
        long size = Long.parseLong(Docker.run("image", "inspect", "-f", "{{.Size}}", TAG).strip());
        assertThat(size).as("final image size").isLessThan(10_000_000L);
        assertThat(Leftovers.of(r.pid()).none()).as("left by the session: " + Leftovers.of(r.pid())).isTrue();
    }
}
