package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** Squashing an image's layers into one: the plan from headers, then the layer from a second read. */
class LayerSquasherTest {

    /** One entry of the squashed layer as a test reads it back. */
    private record Out(String type, String content, String link) {
        static Out file(String content) {
            return new Out("file", content, null);
        }
    }

    /**
     * A legacy {@code docker save} archive whose layers are stored in {@code storedOrder}
     * (indexes into {@code layers}), not in image order, as the engine's saves do.
     */
    private static byte[] save(List<Tars> layers, int... storedOrder) {
        Tars save = new Tars();
        for (int i : storedOrder) {
            save.file("l" + i + "/layer.tar", 0644, layers.get(i).bytes());
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            names.append(i == 0 ? "" : ",").append("\"l").append(i).append("/layer.tar\"");
        }
        save.file("cfg.json", "{\"history\":[]}");
        save.file("manifest.json", "[{\"Config\":\"cfg.json\",\"Layers\":[" + names + "]}]");
        return save.bytes();
    }

    private static Map<String, Out> squash(byte[] save) {
        ImageArchive.SavedImage saved = ImageArchive.readSaved(new ByteArrayInputStream(save));
        SquashPlan plan = SquashPlan.of(saved.layers().stream().map(Layer::changes).toList());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written = LayerSquasher.write(new ByteArrayInputStream(save), saved.layerFiles(), plan, out);
        Map<String, Out> entries = read(out.toByteArray());
        assertThat(written).isEqualTo(entries.size()).isEqualTo(plan.entries());
        return entries;
    }

    private static Map<String, Out> read(byte[] tar) {
        Map<String, Out> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String type = e.isDirectory() ? "dir" : e.isSymbolicLink() ? "symlink" : e.isLink() ? "hardlink" : "file";
                String content = type.equals("file") ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
                String link = e.isSymbolicLink() || e.isLink() ? e.getLinkName() : null;
                Out previous = out.put(e.getName(), new Out(type, content, link));
                assertThat(previous).as("written twice: " + e.getName()).isNull();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @Test
    void theTopmostVersionOfEachPathSurvivesAndWhiteoutsRemoveWhatTheyDelete() {
        List<Tars> layers = List.of(
                new Tars().dir("etc").file("etc/os-release", "base").file("etc/motd", "hello")
                        .dir("tmp").file("tmp/junk", "junk").dir("var/cache").file("var/cache/a", "a"),
                new Tars().dir("etc").file("etc/os-release", "patched").dir("tmp").file("tmp/.wh.junk", "")
                        .dir("var/cache").file("var/cache/.wh..wh..opq", "").file("var/cache/b", "b"),
                new Tars().dir("app").file("app/run", "run").dir("etc").file("etc/.wh.motd", ""));

        Map<String, Out> squashed = squash(save(layers, 2, 0, 1));

        assertThat(squashed).containsEntry("etc/os-release", Out.file("patched"))
                .containsEntry("app/run", Out.file("run"))
                .containsEntry("var/cache/b", Out.file("b"))
                .containsKeys("etc/", "tmp/", "var/cache/", "app/")
                .doesNotContainKeys("etc/motd", "tmp/junk", "var/cache/a");
        assertThat(squashed.keySet()).noneMatch(name -> name.contains(".wh."));
    }

    @Test
    void aDirectoryReplacedByAFileTakesItsContentsWithIt() {
        List<Tars> layers = List.of(
                new Tars().dir("opt/tool").file("opt/tool/bin", "binary"),
                new Tars().dir("opt").symlink("opt/tool", "/usr/lib/tool"),
                new Tars().dir("srv").file("srv/data", "old"),
                new Tars().file("srv/.wh.data", "").dir("srv/data").file("srv/data/new", "new"));

        Map<String, Out> squashed = squash(save(layers, 0, 1, 2, 3));

        assertThat(squashed).containsEntry("opt/tool", new Out("symlink", null, "/usr/lib/tool"))
                .doesNotContainKey("opt/tool/bin")
                .containsEntry("srv/data/", new Out("dir", null, null))
                .containsEntry("srv/data/new", Out.file("new"));
    }

    @Test
    void aHardLinkWhoseFileWasDeletedGetsTheContentAndOtherLinksFollowIt() {
        List<Tars> layers = List.of(
                new Tars().dir("bin").file("bin/busybox", "bb").hardlink("bin/sh", "bin/busybox")
                        .hardlink("bin/ls", "bin/busybox").file("bin/keep", "k").hardlink("bin/keep2", "bin/keep"),
                new Tars().dir("bin").file("bin/.wh.busybox", ""));

        Map<String, Out> squashed = squash(save(layers, 1, 0));

        assertThat(squashed).doesNotContainKey("bin/busybox")
                .containsEntry("bin/sh", Out.file("bb"))
                .containsEntry("bin/ls", new Out("hardlink", null, "bin/sh"))
                .containsEntry("bin/keep", Out.file("k"))
                .containsEntry("bin/keep2", new Out("hardlink", null, "bin/keep"));
        List<String> order = new ArrayList<>(squashed.keySet());
        assertThat(order.indexOf("bin/sh")).isLessThan(order.indexOf("bin/ls"));
    }

    @Test
    void aFileReplacedAboveWhileALinkToItSurvivesKeepsTheLinksContent() {
        List<Tars> layers = List.of(
                new Tars().dir("etc").file("etc/conf", "v1").hardlink("etc/conf.bak", "etc/conf"),
                new Tars().dir("etc").file("etc/conf", "v2"));

        Map<String, Out> squashed = squash(save(layers, 0, 1));

        assertThat(squashed).containsEntry("etc/conf", Out.file("v2")).containsEntry("etc/conf.bak", Out.file("v1"));
    }

    @Test
    void aLayerRepeatedInTheImageIsStoredOnceAndStillCounts() throws IOException {
        byte[] same = new Tars().dir("x").file("x/f", "same").bytes();
        byte[] between = new Tars().dir("x").file("x/.wh.f", "").bytes();
        // the legacy layout links a repeated layer to its first copy
        Tars save = new Tars().file("a/layer.tar", 0644, same).file("b/layer.tar", 0644, between);
        byte[] archive = withLink(save, "c/layer.tar", "../a/layer.tar",
                "[{\"Config\":\"cfg.json\",\"Layers\":[\"a/layer.tar\",\"b/layer.tar\",\"c/layer.tar\"]}]");

        assertThat(squash(archive)).containsEntry("x/f", Out.file("same"));
    }

    @Test
    void headersAndExtendedAttributesSurvive() throws IOException {
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(layer)) {
            TarArchiveEntry ping = new TarArchiveEntry("bin/ping", TarConstants.LF_NORMAL);
            ping.setSize(4);
            ping.setMode(04755);
            ping.setUserId(0);
            ping.setGroupId(10);
            ping.addPaxHeader("SCHILY.xattr.security.capability", "caps");
            out.putArchiveEntry(ping);
            out.write("ping".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        byte[] archive = new Tars().file("l0/layer.tar", 0644, layer.toByteArray()).file("cfg.json", "{}")
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"Layers\":[\"l0/layer.tar\"]}]").bytes();
        ImageArchive.SavedImage saved = ImageArchive.readSaved(new ByteArrayInputStream(archive));
        ByteArrayOutputStream squashed = new ByteArrayOutputStream();
        LayerSquasher.write(new ByteArrayInputStream(archive), saved.layerFiles(),
                SquashPlan.of(saved.layers().stream().map(Layer::changes).toList()), squashed);

        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(squashed.toByteArray()))) {
            TarArchiveEntry e = in.getNextEntry();
            assertThat(e.getName()).isEqualTo("bin/ping");
            assertThat(e.getMode() & 07777).isEqualTo(04755);
            assertThat(e.getLongGroupId()).isEqualTo(10);
            assertThat(e.getExtraPaxHeaders()).containsEntry("SCHILY.xattr.security.capability", "caps");
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ping");
        }
    }

    /** The save {@code save} with a symbolic link entry and the manifest added. */
    private static byte[] withLink(Tars save, String name, String target, String manifest) {
        save.symlink(name, target).file("cfg.json", "{}").file("manifest.json", manifest);
        return save.bytes();
    }
}
