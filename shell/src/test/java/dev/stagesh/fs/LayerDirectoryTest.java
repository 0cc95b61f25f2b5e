package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer directory read as its tar would list it: types, permissions with setuid, sizes,
 * mtimes to the second, symlink targets, hard links (the first name in tree order is the file),
 * names that hold spaces and newlines, and no entry for the directory itself.
 */
class LayerDirectoryTest {
    @TempDir
    Path layer;

    @Test
    void readsADirectoryAsTheTarWrittenFromItWouldList() throws Exception {
        Files.createDirectories(layer.resolve("usr/bin"));
        Path tool = Files.writeString(layer.resolve("usr/bin/tool"), "12345");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(tool, "unix:mode", 04755);
        Files.setLastModifiedTime(tool, FileTime.from(Instant.parse("2024-05-06T07:08:09.987654321Z")));
        Files.createLink(layer.resolve("usr/bin/a-tool"), tool);
        Files.createSymbolicLink(layer.resolve("usr/bin/link"), Path.of("../lib/some where"));
        Files.writeString(layer.resolve("odd name\nwith a newline"), "x");

        LayerChanges changes = LayerDirectory.read(layer, false);
        Map<String, FileEntry> byPath = changes.entries().stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));

        assertThat(byPath).doesNotContainKey("/").containsKeys("/usr", "/usr/bin", "/odd name\nwith a newline");
        FileEntry first = byPath.get("/usr/bin/a-tool");
        assertThat(first.type()).isEqualTo(EntryType.FILE);
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.mode()).isEqualTo(04755);
        assertThat(first.mtime()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        FileEntry second = byPath.get("/usr/bin/tool");
        assertThat(second.type()).isEqualTo(EntryType.HARDLINK);
        assertThat(second.linkTarget()).isEqualTo("/usr/bin/a-tool");
        assertThat(second.size()).isZero();
        FileEntry link = byPath.get("/usr/bin/link");
        assertThat(link.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(link.linkTarget()).isEqualTo("../lib/some where");
        assertThat(byPath.get("/usr/bin").type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(byPath.get("/usr/bin").size()).isZero();
        assertThat(changes.deletions()).isEmpty();
        assertThat(changes.opaqueDirectories()).isEmpty();
        assertThat(byPath.get("/usr/bin/tool").uid()).isEqualTo(((Integer) Files.getAttribute(tool, "unix:uid")).longValue());
    }

    @Test
    void aFifoIsListedAndAMissingDirectoryIsAnError() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", layer.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(LayerDirectory.read(layer, false).entries()).extracting(FileEntry::path, FileEntry::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/pipe", EntryType.FIFO));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LayerDirectory.read(layer.resolve("gone"), false))
                .isInstanceOf(FsException.class).hasMessageContaining("gone");
    }

    @Test
    void splitsADevicesNumbersAsGlibcDoes() {
        assertThat(LayerDirectory.major(0x0103)).isEqualTo(1);
        assertThat(LayerDirectory.minor(0x0103)).isEqualTo(3);
        // glibc's makedev(0x12345, 0x6789a): the low bits of each in the old 16-bit places
        long big = (0x345L << 8) | (0x12000L << 32) | 0x9a | (0x67800L << 12);
        assertThat(LayerDirectory.major(big)).isEqualTo(0x12345);
        assertThat(LayerDirectory.minor(big)).isEqualTo(0x6789a);
    }
}
