package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.fs.EntryType;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.Owners;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cat reads a file from the layer directory the engine unpacked it to when it can, and through the
 * archive API when that copy cannot be opened (the layer went, or the process it was seen through ended).
 */
class SnapshotFilesLocalTest {
    private static final byte[] CONTENT = "from the archive\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private SnapshotFiles files(FakeEngine engine, Path local) {
        FileTree tree = FileTree.builder()
                .add(new FileEntry("/big", EntryType.FILE, 0644, 0, 0, CONTENT.length, Instant.EPOCH, null, 0, 0))
                .build("/");
        return new SnapshotFiles(engine, new SnapshotFiles.Sources(() -> "reader", () -> {
            throw new AssertionError("no placeholder concerns /big");
        }, () -> {
            throw new AssertionError("no shadowed file concerns /big");
        }, () -> Optional.of(tree), () -> tree, read -> Owners.numeric(), path -> Optional.of(local), in -> in));
    }

    @Test
    void aFileIsReadFromItsLayerDirectory() throws IOException {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Path local = Files.writeString(tmp.resolve("big"), "from the layer\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        files(engine, local).cat("/big", out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("from the layer\n");
        assertThat(engine.calls).noneMatch(c -> c.startsWith("get archive"));
    }

    @Test
    void aLayerFileThatCannotBeOpenedIsReadThroughTheArchiveApi() throws IOException {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        engine.archivesOut.put("reader /big", tarOf("big", CONTENT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long n = files(engine, tmp.resolve("gone/big")).cat("/big", out);

        assertThat(out.toByteArray()).isEqualTo(CONTENT);
        assertThat(n).isEqualTo(CONTENT.length);
        assertThat(engine.calls).contains("get archive reader /big");
    }

    private static byte[] tarOf(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
