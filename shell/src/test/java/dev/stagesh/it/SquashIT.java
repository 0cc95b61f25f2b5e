package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code commit --squash}: one layer with the stage's whole filesystem, its config and history kept. */
class SquashIT {
    @TempDir
    Path dir;

    private final String repo = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> tags = new ArrayList<>();

    private String tag(String name) {
        String t = repo + ":" + name;
        tags.add(t);
        return t;
    }

    @AfterEach
    void cleanup() {
        tags.forEach(Docker::removeImage);
    }

    private Path dockerfile() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox AS build
                RUN echo built > /built
                FROM busybox
                ENV GREETING=hello
                WORKDIR /app
                COPY --from=build /built /app/built
                RUN echo keep > keep.txt && echo doomed > doomed.txt && echo linked > first && ln first second \\
                    && mkdir -p /var/junk && echo j > /var/junk/j && chmod 0640 keep.txt
                RUN rm doomed.txt first && rm -rf /var/junk && echo late > late.txt
                LABEL purpose=squash
                EXPOSE 8080
                CMD ["cat", "/app/keep.txt"]
                """);
        return dir.resolve("Dockerfile");
    }

    @Test
    @Tag("compat")
    // on Podman too: the empty mount points it creates in a container's own filesystem (/etc/hostname,
    // /run/.containerenv...) are taken out of every step's layer, so none reaches the squashed one
    void aMultiStepStageBecomesOneLayerWithTheSameFilesConfigAndHistory() throws IOException {
        String squashed = tag("squashed");
        String alias = tag("alias");
        String plain = tag("plain");
        StageshProcess s = StageshProcess.start(Map.of(), "--no-cache", dockerfile().toString());
        s.send("into stage 1").send("commit --squash " + squashed + " " + alias).send("commit " + plain).closeStdin();
        int code = s.waitFor(Duration.ofMinutes(5));
        assertThat(code).as(s.toString()).isZero();
        List<String> ids = s.stdout().lines().toList();
        assertThat(ids).hasSize(2);

        assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", squashed).strip()).isEqualTo(ids.get(0));
        assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", alias).strip()).isEqualTo(ids.get(0));
        assertThat(Docker.lines("image", "inspect", "-f", "{{range .RootFS.Layers}}{{println .}}{{end}}", squashed))
                .hasSize(1);

        // the same files as the layered image, whiteouts applied: deleted files are gone
        ImageFiles.Image one = ImageFiles.of(squashed, dir);
        ImageFiles.Image layered = ImageFiles.of(plain, dir);
        assertThat(withoutHardLinkNames(one.files())).isEqualTo(withoutHardLinkNames(layered.files()));
        assertThat(one.files()).containsKeys("/app/keep.txt", "/app/late.txt", "/app/built", "/app/second", "/bin/sh")
                .doesNotContainKeys("/app/doomed.txt", "/app/first", "/var/junk", "/.dockerenv", "/etc/hostname");
        assertThat(one.files().get("/app/keep.txt").mode()).isEqualTo(0640);
        assertThat(Docker.run("run", "--rm", squashed, "sh", "-c", "cat /app/keep.txt /app/second /app/built; pwd; echo $GREETING"))
                .isEqualTo("keep\nlinked\nbuilt\n/app\nhello\n");

        // config as the layered commit writes it
        for (String field : List.of("Env", "Cmd", "WorkingDir", "Labels", "ExposedPorts", "User", "Entrypoint")) {
            assertThat(one.config().path("config").path(field)).as(field)
                    .isEqualTo(layered.config().path("config").path(field));
        }
        assertThat(one.config().path("config").path("Labels").path("purpose").asText()).isEqualTo("squash");

        // history: every entry kept and marked empty, one added for the single layer
        List<JsonNode> history = new ArrayList<>();
        one.config().path("history").forEach(history::add);
        List<JsonNode> layeredHistory = new ArrayList<>();
        layered.config().path("history").forEach(layeredHistory::add);
        assertThat(history).hasSize(layeredHistory.size() + 1);
        for (int i = 0; i < layeredHistory.size(); i++) {
            assertThat(history.get(i).path("created_by").asText()).isEqualTo(layeredHistory.get(i).path("created_by").asText());
            assertThat(history.get(i).path("empty_layer").asBoolean()).as("entry " + i + " empty").isTrue();
        }
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("empty_layer").asBoolean(false)).isFalse();
        assertThat(last.path("created_by").asText()).isEqualTo("stagesh commit --squash");

        assertThat(Leftovers.of(s.pid()).none()).as("left on the engine: " + Leftovers.of(s.pid())).isTrue();
    }

    @Test
    void hereSquashesTheStepAsItStands() throws IOException {
        String here = tag("here");
        var r = Stagesh.run("into stage 1\nnext 4\ncommit --here --squash " + here + "\nquit\n",
                dockerfile().toString(), "--no-cache");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Docker.lines("image", "inspect", "-f", "{{range .RootFS.Layers}}{{println .}}{{end}}", here))
                .hasSize(1);
        // stood after the first RUN: the files the second RUN deletes are still there
        assertThat(Docker.run("run", "--rm", here, "sh", "-c", "cat /app/doomed.txt /var/junk/j; ls /app"))
                .isEqualTo("doomed\nj\nbuilt\ndoomed.txt\nfirst\nkeep.txt\nsecond\n");
        // and the config as it stood there: the CMD comes later
        assertThat(Docker.run("image", "inspect", "-f", "{{json .Config.Cmd}}", here)).doesNotContain("keep.txt");
        assertThat(Docker.run("image", "inspect", "-f", "{{json .Config.Env}}", here)).contains("GREETING=hello");
    }

    @Test
    void buildSquashMakesTheTargetOneLayer() throws IOException {
        String built = tag("built");
        var r = Stagesh.run("", "build", "--squash", "-q", "-t", built, dockerfile().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Docker.lines("image", "inspect", "-f", "{{range .RootFS.Layers}}{{println .}}{{end}}", built))
                .hasSize(1);
        assertThat(Docker.run("run", "--rm", built)).isEqualTo("keep\n");
    }

    /** Which name of a file a hard link names depends on which name survived; the files do not. */
    private static Map<String, ImageFiles.Entry> withoutHardLinkNames(Map<String, ImageFiles.Entry> files) {
        Map<String, ImageFiles.Entry> out = new TreeMap<>();
        files.forEach((path, e) -> out.put(path, e.link() != null && e.link().startsWith("(hard link")
                ? new ImageFiles.Entry(e.type(), e.mode(), e.uid(), e.gid(), e.size(), e.sha256(), null, e.xattrs()) : e));
        return out;
    }
}
