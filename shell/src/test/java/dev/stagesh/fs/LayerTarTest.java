package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LayerTarTest {

    static Tars layerWithWhiteouts() {
        return new Tars()
                .dir("etc").file("etc/.wh.motd", "")
                .dir("var/lib/apt/lists").file("var/lib/apt/lists/.wh..wh..opq", "")
                .sized("var/lib/apt/lists/fresh", 100)
                .file(".wh..wh.plnk", "") // aufs bookkeeping, not a deletion
                .dir("usr").file("usr/.wh.share", "")
                .sized("app/app", 2048);
    }

    @Test
    void readsWhiteoutsAsDeletionsAndOpaqueMarkersAsOpaqueDirectories() {
        LayerChanges changes = LayerTar.read(layerWithWhiteouts().stream());
        assertThat(changes.deletions()).containsExactly("/etc/motd", "/usr/share");
        assertThat(changes.opaqueDirectories()).containsExactly("/var/lib/apt/lists");
        assertThat(changes.entries()).extracting(FileEntry::path).containsExactly(
                "/etc", "/var/lib/apt/lists", "/var/lib/apt/lists/fresh", "/usr", "/app/app");
        assertThat(changes.bytes()).isEqualTo(2148);
    }

    @Test
    void seesThroughGzip() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(layerWithWhiteouts().bytes());
        }
        LayerChanges changes = LayerTar.read(new ByteArrayInputStream(gz.toByteArray()));
        assertThat(changes.deletions()).containsExactly("/etc/motd", "/usr/share");
        assertThat(changes.bytes()).isEqualTo(2148);
    }
}
