package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bind mount of one file ({@code --mount=type=bind,source=f.json,target=/app/f.json}), from the
 * context and from a stage, on every engine (issue 11, item 3): Podman and Docker before API 1.45
 * cannot mount one file of a volume, and an engine in a root of its own (podman5 here, or a remote
 * one) cannot see a file of this machine, so the file must reach it through the API. The file is
 * seen with its mode, writes to an {@code rw} one are discarded, neither it nor its mount point is
 * left in the layer, and nothing of the session is left on the engine.
 */
class SingleFileBindIT {
    @TempDir
    Path dir;

    private final String tag = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8) + ":bind";
    private long session;

    @AfterEach
    void cleanup() {
        Docker.removeImage(tag);
        // the build's cache entries, labelled with its pid
        for (int round = 0; round < 5 && session != 0; round++) {
            List<String> images = Docker.lines("images", "-q", "--filter", "label=stagesh.pid=" + session);
            if (images.isEmpty()) {
                break;
            }
            images.forEach(Docker::removeImage);
        }
    }

    @Test
    @Tag("compat")
    void aSingleFileIsBoundOnEveryEngineAndLeavesNothing() throws IOException {
        Path json = Files.writeString(dir.resolve("f.json"), "{\"from\":\"context\"}\n");
        Files.setPosixFilePermissions(json, PosixFilePermissions.fromString("rw-r-----"));
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox AS tools
                RUN mkdir -p /opt && echo '{"from":"stage"}' > /opt/conf.json
                FROM busybox
                WORKDIR /w
                RUN --mount=type=bind,source=f.json,target=/app/f.json cat /app/f.json > /seen && stat -c %a /app/f.json >> /seen
                RUN --mount=type=bind,from=tools,source=/opt/conf.json,target=/etc/conf.json cat /etc/conf.json >> /seen
                RUN --mount=type=bind,source=f.json,target=f.json,rw sh -c 'echo changed > f.json && cat f.json' >> /seen
                RUN --mount=type=bind,source=f.json,target=/app/f.json,readonly sh -c 'echo x > /app/f.json' || echo refused >> /seen
                """);
        var r = Stagesh.run("", "build", "--no-cache", "-t", tag, dir.resolve("Dockerfile").toString());
        session = r.pid();
        assertThat(r.exitCode()).as(r.toString()).isZero();

        assertThat(Docker.run("run", "--rm", tag, "cat", "/seen"))
                .isEqualTo("{\"from\":\"context\"}\n640\n{\"from\":\"stage\"}\nchanged\nrefused\n");
        assertThat(Files.readString(json)).as("the context's file, after an rw bind wrote to it")
                .isEqualTo("{\"from\":\"context\"}\n");
        // neither the files nor their mount points (nor the parents made for them) are in a layer, as with BuildKit
        assertThat(ImageFiles.of(tag, dir).files()).containsKeys("/seen", "/w")
                .doesNotContainKeys("/app", "/app/f.json", "/etc/conf.json", "/w/f.json");
        assertThat(Leftovers.of(r.pid()).none()).as("left by the session: " + Leftovers.of(r.pid())).isTrue();
    }
}
