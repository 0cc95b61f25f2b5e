package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineConnector;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.ImageArchive;
import dev.stagesh.fs.LayerChanges;
import dev.stagesh.fs.LayerDirectory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On an engine whose overlay layers are visible from here (the default engine, docker28, and a
 * local root Podman, whose containers/storage layers are checked against its layers.json), each layer read
 * from the directory the engine unpacked it to is the layer its {@code docker save} tar gives:
 * the same entries (type, mode with setuid, owner, size, mtime, link targets, hard links, a
 * fifo), whiteouts and opaque directories. And the directories are refused for a layer they do
 * not belong to.
 */
class LayerDirectoryIT {
    /**
     * Two layers over a base: whiteouts, an opaque directory, a symlink, a hard link, a fifo, set-user-ID,
     * an owner other than root (LayerIndexIT builds on it too).
     */
    static final String LAYERS = """
            FROM debian:bookworm-slim
            RUN mkdir -p /data/keep /data/gone /data/opq && echo a > /data/keep/a && echo b > /data/gone/b \\
                && echo c > /data/opq/c && ln -s keep/a /data/link && ln /data/keep/a /data/hard \\
                && chmod 0751 /data/keep && chown 1000:1000 /data/keep/a && mkfifo /data/fifo
            RUN rm -rf /data/gone /data/opq && mkdir /data/opq && echo new > /data/opq/new && rm /usr/bin/yes \\
                && chmod 4755 /data/opq/new
            """;

    @TempDir
    Path dir;

    @Test
    void eachLayerReadFromItsDirectoryIsTheLayerItsTarGives() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), LAYERS);
        String tag = "stagesh-layer-dir-it:" + ProcessHandle.current().pid();
        try (Engine engine = EngineConnector.connect()) {
            Docker.run("build", "-q", "--label", "stagesh.session=layer-dir-it-" + ProcessHandle.current().pid(),
                    "-t", tag, dir.toString());
            String id = Docker.run("image", "inspect", "--format", "{{.Id}}", tag).strip();
            List<Path> dirs = engine.layerDirectories(id).orElseThrow(
                    () -> new AssertionError("the default engine's overlay2 layers are visible here, yet none were given"));
            ImageArchive.SavedImage saved;
            try (InputStream in = engine.save(id)) {
                saved = ImageArchive.readSaved(in);
            }
            assertThat(dirs).hasSameSizeAs(saved.layers());
            for (int i = 0; i < dirs.size(); i++) {
                LayerChanges fromTar = saved.layers().get(i).changes();
                LayerChanges fromDir = LayerDirectory.read(dirs.get(i), i > 0);
                // an imported layer's tar keeps the order it was imported in, so which name of a hard-linked
                // file comes first is the tar's; a layer the engine committed is written from the directory
                List<FileEntry> tarEntries = withoutRoot(fromTar.entries());
                if (i == 0) {
                    assertThat(sorted(linksResolved(fromDir.entries()))).as("layer %d's entries", i + 1)
                            .isEqualTo(sorted(linksResolved(tarEntries)));
                } else {
                    assertThat(sorted(fromDir.entries())).as("layer %d's entries", i + 1).isEqualTo(sorted(tarEntries));
                }
                assertThat(fromDir.deletions()).as("layer %d's whiteouts", i + 1).containsExactlyInAnyOrderElementsOf(fromTar.deletions());
                assertThat(fromDir.opaqueDirectories()).as("layer %d's opaque directories", i + 1)
                        .containsExactlyInAnyOrderElementsOf(fromTar.opaqueDirectories());
            }
            LayerChanges top = LayerDirectory.read(dirs.get(dirs.size() - 1), true);
            assertThat(top.opaqueDirectories()).containsExactly("/data/opq");
            assertThat(top.deletions()).contains("/data/gone", "/usr/bin/yes");
            assertThat(top.entries()).anySatisfy(e -> assertThat(e.path() + " " + Integer.toOctalString(e.mode())).isEqualTo("/data/opq/new 4755"));
            LayerChanges first = LayerDirectory.read(dirs.get(1), true);
            assertThat(first.entries()).anySatisfy(e -> assertThat(e.path() + " " + e.type() + " " + e.linkTarget())
                    .isEqualTo("/data/keep/a HARDLINK /data/hard"));

            // the base image's directories are not the built image's: asked for the base, only its own come back
            String base = Docker.run("image", "inspect", "--format", "{{.Id}}", "debian:bookworm-slim").strip();
            assertThat(engine.layerDirectories(base)).hasValue(dirs.subList(0, 1));
        } finally {
            Docker.removeImage(tag);
        }
    }

    /** An imported layer's tar may carry an entry for its root, which no directory walk gives. */
    private static List<FileEntry> withoutRoot(List<FileEntry> entries) {
        return entries.stream().filter(e -> !e.path().equals("/")).toList();
    }

    /** Each hard link as the regular file it names: the same inode, whichever name the tar took first. */
    private static List<FileEntry> linksResolved(List<FileEntry> entries) {
        java.util.Map<String, FileEntry> byPath = new java.util.HashMap<>();
        entries.forEach(e -> byPath.put(e.path(), e));
        return entries.stream().map(e -> {
            if (e.type() != dev.stagesh.fs.EntryType.HARDLINK) {
                return e;
            }
            FileEntry t = byPath.get(e.linkTarget());
            return new FileEntry(e.path(), dev.stagesh.fs.EntryType.FILE, e.mode(), e.uid(), e.gid(), t == null ? -1 : t.size(),
                    e.mtime(), null, 0, 0);
        }).toList();
    }

    private static List<FileEntry> sorted(List<FileEntry> entries) {
        return entries.stream().sorted(Comparator.comparing(FileEntry::path, FsPaths.PATH_ORDER)).toList();
    }
}
