package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class MountPointFilterTest {
    private final ByteArrayOutputStream layer = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(layer);

    private void dir(String name) throws IOException {
        tar.putArchiveEntry(new TarArchiveEntry(name + "/"));
        tar.closeArchiveEntry();
    }

    private void file(String name, String content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private void link(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private record Filtered(int dropped, List<String> names, List<String> contents) {}

    private Filtered filter(Set<String> created) throws IOException {
        tar.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int dropped = MountPointFilter.filter(new ByteArrayInputStream(layer.toByteArray()), out, created);
        List<String> names = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return new Filtered(dropped, names, contents);
    }

    @Test
    void emptyMountPointsTheSnapshotLackedGoAndEverythingElseStays() throws IOException {
        dir("run");
        dir("run/secrets");
        file("run/secrets/tok", "");
        dir("scratch");
        file("a", "kept\n");
        file("empty-but-not-a-mount-point", "");
        var f = filter(Set.of("/run/secrets", "/run/secrets/tok", "/scratch"));
        assertThat(f.names()).containsExactly("run/", "a", "empty-but-not-a-mount-point");
        assertThat(f.contents().get(1)).isEqualTo("kept\n");
        assertThat(f.dropped()).isEqualTo(3);
    }

    @Test
    void aMountPointTheCommandWroteIntoOrNextToStaysWithItsParentsFirst() throws IOException {
        dir("cache");
        dir("cache/deep");
        file("cache/deep/left-by-the-command", "x");
        dir("cache/other");
        file("secret", "not empty");
        var f = filter(Set.of("/cache", "/cache/deep", "/cache/other", "/secret"));
        assertThat(f.names()).containsExactly("cache/", "cache/deep/", "cache/deep/left-by-the-command", "secret");
        assertThat(f.contents().get(3)).isEqualTo("not empty");
        assertThat(f.dropped()).isEqualTo(1);
    }

    @Test
    void podmansMtabLinkGoesButAnotherLinkStays() throws IOException {
        dir("etc");
        link("etc/mtab", "/proc/mounts");
        link("etc/other", "/elsewhere");
        var f = filter(Set.of("/etc/mtab", "/etc/other"));
        assertThat(f.names()).containsExactly("etc/", "etc/other");
        assertThat(f.dropped()).isEqualTo(1);
    }

    @Test
    void aSnapshotDirectoryLeftWithOnlyStubsGetsItsTimeBackOneTheCommandWroteInKeepsItsOwn() throws IOException {
        dir("etc");
        file("etc/hostname", "");
        dir("var");
        file("var/cachefile", "");
        file("var/written", "by the command");
        tar.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.time.Instant etc = java.time.Instant.ofEpochSecond(1_600_000_000L);
        int dropped = MountPointFilter.filter(new ByteArrayInputStream(layer.toByteArray()), out,
                new MountPointFilter.Stubs(Set.of("/etc/hostname", "/var/cachefile"),
                        java.util.Map.of("/etc", etc, "/var", etc)));
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                seen.add(e.getName() + (e.getModTime().toInstant().equals(etc) ? " (its time)" : ""));
            }
        }
        assertThat(seen).containsExactly("var/", "var/written", "etc/ (its time)");
        assertThat(dropped).isEqualTo(2);
    }

    @Test
    void nothingCreatedChangesNothing() throws IOException {
        dir("run");
        file("run/x", "");
        var f = filter(Set.of());
        assertThat(f.names()).containsExactly("run/", "run/x");
        assertThat(f.dropped()).isZero();
    }

    @Test
    void tarNamesAreReadAsAbsolutePaths() {
        assertThat(MountPointFilter.path("./run/secrets/")).isEqualTo("/run/secrets");
        assertThat(MountPointFilter.path("run/secrets/tok")).isEqualTo("/run/secrets/tok");
        assertThat(MountPointFilter.path("/x")).isEqualTo("/x");
    }
}
