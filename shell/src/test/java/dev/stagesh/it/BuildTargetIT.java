package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagesh build --target} of a stage FROM scratch: its placeholder layer is dropped, so
 * the image is streamed out and back in, through {@code docker save} in whichever layout the
 * engine writes (Docker 25+ writes the OCI one) and the engine's own image IDs.
 */
class BuildTargetIT {
    private final Sessions sessions = new Sessions();
    @TempDir
    Path dir;

    private final String tag = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8) + ":target";

    @AfterEach
    void noLeftovers() {
        Docker.removeImage(tag);
        sessions.assertNothingLeft();
    }

    @Test
    @Tag("compat")
    void aFromScratchTargetIsTheStageAloneWithItsFilesAndConfig() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox AS build
                RUN mkdir /out && echo hello from the build > /out/hello && chmod 640 /out/hello

                FROM scratch AS final
                COPY --from=build /out/hello /hello
                COPY --from=build /bin/busybox /busybox
                ENTRYPOINT ["/busybox", "cat"]
                CMD ["/hello"]

                FROM busybox
                RUN echo never built
                """);
        var r = sessions.run("", "build", "--no-cache", "--target", "final", "-t", tag, dir.resolve("Dockerfile").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).doesNotContain("never built");

        assertThat(Docker.run("image", "inspect", "-f", "{{len .RootFS.Layers}}", tag).strip()).isEqualTo("2");
        assertThat(Docker.run("image", "inspect", "-f", "{{json .Config.Entrypoint}} {{json .Config.Cmd}}", tag).strip())
                .isEqualTo("[\"/busybox\",\"cat\"] [\"/hello\"]");
        assertThat(Docker.run("run", "--rm", tag)).isEqualTo("hello from the build\n");
        assertThat(Docker.run("run", "--rm", "--entrypoint", "/busybox", tag, "stat", "-c", "%a %u", "/hello").strip())
                .isEqualTo("640 0");
        // the stage's own history: no entry of the busybox stage or of the placeholder layer
        assertThat(Docker.run("history", "--no-trunc", "--format", "{{.CreatedBy}}", tag))
                .doesNotContain("mkdir /out").contains("COPY /out/hello /hello # buildkit");
    }
}
