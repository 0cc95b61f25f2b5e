package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-layer file index: built from a layer tar, merged over the layers below, kept on disk. */
class LayerIndexTest {
    private static final String ID_A = "sha256:" + "a".repeat(64);
    private static final String ID_B = "sha256:" + "b".repeat(64);

    @TempDir Path dir;

    private static LayerChanges base() {
        return LayerTar.read(new Tars()
                .dir("etc").file("etc/os-release", "debian")
                .dir("usr").dir("usr/bin").file("usr/bin/tool", 0755, "#!/bin/sh\n").symlink("usr/bin/sh", "dash")
                .hardlink("usr/bin/tool2", "usr/bin/tool")
                .dir("var").dir("var/cache").sized("var/cache/a", 40).sized("var/cache/b", 60)
                .charDevice("dev-null", 0666, 1, 3)
                .stream());
    }

    private static LayerChanges top() {
        return LayerTar.read(new Tars()
                .dir("etc").file("etc/.wh.os-release", "")
                .dir("var").dir("var/cache").file("var/cache/.wh..wh..opq", "").sized("var/cache/new", 7)
                .dir("app").owner(1000, 1000).mtime("2025-01-02T03:04:05.123456789Z").sized("app/app", 300)
                .stream());
    }

    @Test
    void buildsFromALayerTarWithItsWhiteouts() {
        LayerChanges t = top();
        assertThat(t.deletions()).containsExactly("/etc/os-release");
        assertThat(t.opaqueDirectories()).containsExactly("/var/cache");
        assertThat(t.entries()).extracting(FileEntry::path)
                .containsExactly("/etc", "/var", "/var/cache", "/var/cache/new", "/app", "/app/app");
    }

    @Test
    void mergesLayersApplyingWhiteoutsAndOpaqueDirectories() {
        FileTree merged = LayerStack.tree(List.of(base(), top()));
        assertThat(merged.entry("/etc/os-release")).isEmpty();
        assertThat(merged.entry("/etc")).isPresent();
        assertThat(merged.children("/var/cache")).extracting(FileEntry::name).containsExactly("new");
        assertThat(merged.entry("/usr/bin/sh").orElseThrow().linkTarget()).isEqualTo("dash");
        FileEntry app = merged.entry("/app/app").orElseThrow();
        assertThat(app.uid()).isEqualTo(1000);
        assertThat(app.size()).isEqualTo(300);
        assertThat(new PathResolver(merged).contentPath("/usr/bin/tool2")).isEqualTo("/usr/bin/tool");
    }

    @Test
    void roundTripsThroughItsBinaryForm() throws IOException {
        for (LayerChanges layer : List.of(base(), top())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LayerIndexFormat.write(ID_A, layer, out);
            LayerChanges back = LayerIndexFormat.read(ID_A, new ByteArrayInputStream(out.toByteArray()));
            assertThat(back).isEqualTo(layer);
        }
    }

    @Test
    void storeKeepsIndexesAcrossInstancesByDiffId() {
        new LayerIndexStore(dir).store(ID_A, base());
        LayerIndexStore later = new LayerIndexStore(dir);
        assertThat(later.load(ID_A)).contains(base());
        assertThat(later.load(ID_B)).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sha256-" + "a".repeat(64) + ".idx");
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIndexOfAnotherLayerIsRejectedAndRemoved() throws IOException {
        LayerIndexStore store = new LayerIndexStore(dir);
        store.store(ID_A, base());
        // an index copied under another layer's name must not pass for it
        Files.copy(store.file(ID_A), store.file(ID_B));
        assertThat(store.load(ID_B)).isEmpty();
        assertThat(store.file(ID_B)).doesNotExist();
        store.store(ID_B, top());
        assertThat(store.load(ID_B)).contains(top());
    }

    @Test
    void aCorruptOrTruncatedIndexIsRejectedAndRebuilt() throws IOException {
        LayerIndexStore store = new LayerIndexStore(dir);
        store.store(ID_A, base());
        Path file = store.file(ID_A);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
        assertThat(store.load(ID_A)).isEmpty();
        assertThat(file).doesNotExist();

        store.store(ID_A, base());
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 9));
        assertThat(store.load(ID_A)).isEmpty();

        store.store(ID_A, base());
        assertThat(store.load(ID_A)).contains(base());
    }

    @Test
    void anIndexOfAnotherVersionIsRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerIndexFormat.write(ID_A, base(), out);
        byte[] bytes = out.toByteArray();
        bytes[7] = (byte) (LayerIndexFormat.VERSION + 1);
        assertThatThrownBy(() -> LayerIndexFormat.read(ID_A, new ByteArrayInputStream(bytes)))
                .isInstanceOf(LayerIndexFormat.LayerIndexException.class).hasMessageContaining("version");
    }

    @Test
    void aSavedLayerIsVerifiedAgainstTheConfigsDiffIds() throws Exception {
        byte[] good = new Tars().sized("a", 10).bytes();
        byte[] other = new Tars().sized("b", 10).bytes();
        String goodId = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(good));
        String config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + goodId + "\",\"" + ID_B + "\"]}}";
        byte[] save = new Tars()
                .dir("l1").file("l1/layer.tar", 0644, good)
                .dir("l2").file("l2/layer.tar", 0644, other)
                .file("c.json", config)
                .file("manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"l1/layer.tar\",\"l2/layer.tar\"]}]")
                .bytes();
        ImageArchive.SavedImage saved = ImageArchive.readSaved(new ByteArrayInputStream(save));
        // the second layer's bytes do not hash to the ID the config gives: its index is not kept under it
        assertThat(saved.verifiedDiffIds()).containsExactly(goodId, null);
    }

    @Test
    void anOciBlobAlreadyIndexedIsTakenFromTheIndexNotRead() throws Exception {
        byte[] layer = new Tars().sized("fresh", 10).bytes();
        String id = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
        String config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + id + "\"]}}";
        byte[] save = new Tars()
                .file("blobs/sha256/" + id.substring(7), 0644, layer)
                .file("blobs/sha256/" + "c".repeat(64), config)
                .file("manifest.json", "[{\"Config\":\"blobs/sha256/" + "c".repeat(64) + "\",\"Layers\":[\"blobs/sha256/"
                        + id.substring(7) + "\"]}]")
                .bytes();
        ImageArchive.SavedImage saved = ImageArchive.readSaved(new ByteArrayInputStream(save),
                d -> d.equals(id) ? java.util.Optional.of(base()) : java.util.Optional.empty());
        assertThat(saved.layers().get(0).changes()).isEqualTo(base());
        assertThat(saved.verifiedDiffIds()).containsExactly(id);
    }

    @Test
    void readsPodmansLegacyLayoutWithLayersAtTheTop() throws Exception {
        byte[] layer = new Tars().sized("p", 5).bytes();
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
        String config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + hex + "\"]}}";
        byte[] save = new Tars()
                .file(hex + ".tar", 0644, layer)
                .file("c".repeat(64) + ".json", config)
                .file("manifest.json", "[{\"Config\":\"" + "c".repeat(64) + ".json\",\"Layers\":[\"" + hex + ".tar\"]}]")
                .bytes();
        ImageArchive.SavedImage saved = ImageArchive.readSaved(new ByteArrayInputStream(save));
        assertThat(saved.layers().get(0).changes().bytes()).isEqualTo(5);
        assertThat(saved.verifiedDiffIds()).containsExactly("sha256:" + hex);
    }

    @Test
    void aGzippedLayerIsKeyedByItsUncompressedDigest() throws Exception {
        byte[] plain = new Tars().sized("a", 10).bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(plain);
        }
        String id = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain));
        assertThat(LayerTar.readHashed(new ByteArrayInputStream(gz.toByteArray())).digest()).isEqualTo(id);
    }

    @Test
    void theIndexOfAHundredThousandFilesFitsInFiftyMegabytes() {
        Tars tars = new Tars();
        for (int d = 0; d < 100; d++) {
            tars.dir("usr/share/doc/package-number-" + d);
            for (int f = 0; f < 1000; f++) {
                tars.file("usr/share/doc/package-number-" + d + "/file-" + f + ".txt", "");
            }
        }
        byte[] tar = tars.bytes();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        LayerChanges layer = LayerTar.read(new ByteArrayInputStream(tar));
        FileTree merged = LayerStack.tree(List.of(layer));
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(merged.size()).isGreaterThan(100_000);
        assertThat(layer.entries()).hasSize(100_100);
        // the layer's index and the merged view together
        assertThat(after - before).isLessThan(50L * 1024 * 1024);
    }
}
