package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 2, where the engine keeps a container's writable layer in no directory stagesh
 * can reach before the commit (vfs, btrfs, zfs, Podman on vfs): the committed image's top layer is
 * rewritten. {@code STAGESH_MOUNT_POINTS=rewrite} (a test setting) makes this engine take that
 * path: the same code a vfs engine runs ({@code MountPoints.Planned.afterCommit} into
 * {@code LayerRewriter}), only the attempts before the commit are skipped. The RUN's layer is
 * compared, entry by entry, with the one this engine's usual path gives (overlay's upper directory
 * here; the helper container on Podman; on the containerd store the rewrite is its usual path).
 */
@Tag("compat")
class MountPointRewriteIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "stagesh-mprw-" + UUID.randomUUID().toString().substring(0, 8);
    /** Where the RUN's mounts are, and the directories the engine makes for them (none of the base's). */
    private static final List<String> MOUNT_POINTS = List.of("/run/secrets/tok", "/run/secrets", "/mnt/in",
            "/var/cache/x", "/scratch/t", "/scratch");

    @TempDir
    Path dir;

    @AfterEach
    void cleanup() {
        Docker.removeImage(PREFIX + ":usual");
        Docker.removeImage(PREFIX + ":rewritten");
        Docker.lines("volume", "ls", "-q", "--filter", "label=stagesh.cache-mount=" + PREFIX)
                .forEach(v -> Docker.run("volume", "rm", v));
    }

    /** What a save of the image says: its config, and its top layer's entries and times. */
    private record Saved(JsonNode config, List<String> diffIds, Map<String, ImageFiles.Entry> top, Map<String, Long> times) {}

    @Test
    void aRewrittenRunLayerHoldsNoMountPointAndEverythingElseTheUsualPathGives() throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/data.txt"), "data\n");
        Files.writeString(dir.resolve("token.txt"), "s3cret\n");
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM busybox
                RUN --mount=type=secret,id=tok --mount=type=bind,source=in,target=/mnt/in \\
                    --mount=type=cache,id=%s,target=/var/cache/x --mount=type=tmpfs,target=/scratch/t \\
                    sh -c 'cat /run/secrets/tok /mnt/in/data.txt > /seen && mkdir -p /made/deep && echo out > /made/deep/f \\
                      && touch -d @1700000000 /seen /made/deep/f /made/deep /made'
                """.formatted(PREFIX));
        Saved usual = build("usual", Map.of());
        Saved rewritten = build("rewritten", Map.of("STAGESH_MOUNT_POINTS", "rewrite"));

        assertThat(rewritten.top()).doesNotContainKeys(MOUNT_POINTS.toArray(String[]::new))
                .containsKeys("/seen", "/made", "/made/deep", "/made/deep/f");
        assertThat(usual.top()).doesNotContainKeys(MOUNT_POINTS.toArray(String[]::new));
        // the same entries (type, mode, owner, size, content, link, extended attributes) with the same times
        assertThat(rewritten.top()).isEqualTo(usual.top());
        assertThat(rewritten.times()).isEqualTo(usual.times());
        // the same base layers, the same config but for the top layer and the times
        assertThat(rewritten.diffIds()).hasSameSizeAs(usual.diffIds());
        assertThat(rewritten.diffIds().subList(0, usual.diffIds().size() - 1))
                .isEqualTo(usual.diffIds().subList(0, usual.diffIds().size() - 1));
        assertThat(rewritten.config().path("config")).isEqualTo(usual.config().path("config"));
        assertThat(createdBy(rewritten.config())).isEqualTo(createdBy(usual.config()));
        if (!Docker.containerdStore()) {
            // a tar of stagesh's writing, not the engine's: the rewrite did make this layer
            assertThat(rewritten.diffIds().get(rewritten.diffIds().size() - 1))
                    .isNotEqualTo(usual.diffIds().get(usual.diffIds().size() - 1));
        }
    }

    private Saved build(String name, Map<String, String> env) {
        String tag = PREFIX + ":" + name;
        var r = Stagesh.run("", dir, env, "build", "--no-cache", "-t", tag, "--secret",
                "id=tok,src=" + dir.resolve("token.txt"), dir.resolve("Dockerfile").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).doesNotContain("stay in this step's layer");
        assertThat(Leftovers.of(r.pid()).none()).as("what the session left").isTrue();
        return saved(tag);
    }

    private static List<String> createdBy(JsonNode config) {
        List<String> out = new ArrayList<>();
        config.path("history").forEach(h -> out.add(h.path("created_by").asText()));
        return out;
    }

    /** {@code docker save} of the image, its top layer read alone. */
    private Saved saved(String image) {
        Path file = dir.resolve(image.replace(':', '-') + ".tar");
        Docker.run("save", "-o", file.toString(), image);
        try (TarFile archive = new TarFile(file.toFile())) {
            Map<String, TarArchiveEntry> byName = new TreeMap<>();
            for (TarArchiveEntry e : archive.getEntries()) {
                byName.put(e.getName(), e);
            }
            JsonNode manifest;
            try (InputStream in = archive.getInputStream(byName.get("manifest.json"))) {
                manifest = JSON.readTree(in).get(0);
            }
            JsonNode config;
            try (InputStream in = archive.getInputStream(byName.get(manifest.path("Config").asText()))) {
                config = JSON.readTree(in);
            }
            List<String> diffIds = new ArrayList<>();
            config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
            JsonNode layers = manifest.path("Layers");
            Map<String, ImageFiles.Entry> top = new TreeMap<>();
            Map<String, Long> times = new TreeMap<>();
            try (InputStream in = ImageFiles.decompressed(archive.getInputStream(byName.get(layers.get(layers.size() - 1).asText())))) {
                ImageFiles.apply(top, times, in);
            }
            return new Saved(config, diffIds, top, times);
        } catch (IOException e) {
            throw new AssertionError("cannot read the saved image " + image + ": " + e, e);
        }
    }
}
