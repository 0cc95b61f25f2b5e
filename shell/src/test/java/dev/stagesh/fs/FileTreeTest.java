package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileTreeTest {

    @Test
    void readsEveryKindOfEntryWithItsMetadata() {
        FileTree tree = new Tars()
                .owner(1000, 1001).file("app/app", 04755, "bin")
                .owner(0, 0).symlink("app/current", "../releases/v2")
                .hardlink("app/app2", "app/app")
                .charDevice("dev/null", 0666, 1, 3)
                .blockDevice("dev/sda", 0660, 8, 0)
                .fifo("run/pipe")
                .tree();

        FileEntry app = tree.entry("/app/app").orElseThrow();
        assertThat(app.type()).isEqualTo(EntryType.FILE);
        assertThat(app.mode()).isEqualTo(04755);
        assertThat(app.uid()).isEqualTo(1000);
        assertThat(app.gid()).isEqualTo(1001);
        assertThat(app.size()).isEqualTo(3);
        assertThat(app.mtime()).isEqualTo(Tars.DEFAULT_MTIME);
        assertThat(app.name()).isEqualTo("app");

        assertThat(tree.entry("/app/current").orElseThrow().linkTarget()).isEqualTo("../releases/v2");
        FileEntry hard = tree.entry("/app/app2").orElseThrow();
        assertThat(hard.type()).isEqualTo(EntryType.HARDLINK);
        assertThat(hard.linkTarget()).isEqualTo("/app/app");
        FileEntry dev = tree.entry("/dev/null").orElseThrow();
        assertThat(dev.type()).isEqualTo(EntryType.CHAR_DEVICE);
        assertThat(dev.devMajor()).isEqualTo(1);
        assertThat(dev.devMinor()).isEqualTo(3);
        assertThat(tree.entry("/dev/sda").orElseThrow().type()).isEqualTo(EntryType.BLOCK_DEVICE);
        assertThat(tree.entry("/run/pipe").orElseThrow().type()).isEqualTo(EntryType.FIFO);
    }

    @Test
    void placesTheArchiveOfAPathUnderItsParentAndImpliesMissingDirectories() {
        // GET /containers/{id}/archive?path=/usr/local/app answers with "app/..." entries
        FileTree tree = new Tars().dir("app").file("app/run.sh", 0755, "#!/bin/sh").tree("/usr/local");
        assertThat(tree.parentPath()).isEqualTo("/usr/local");
        assertThat(tree.entry("/usr/local/app/run.sh")).isPresent();
        assertThat(tree.children("/usr")).extracting(FileEntry::path).containsExactly("/usr/local");
        assertThat(tree.isImplied("/usr")).isTrue();
        assertThat(tree.isImplied("/usr/local/app")).isFalse();
        assertThat(tree.tarName("/usr/local/app/run.sh")).isEqualTo("app/run.sh");
    }

    @Test
    void normalizesTarNamesWithDotSlashAndDuplicateSlashes() {
        FileTree tree = new Tars().dir("./").dir("./etc/").file("./etc//hosts", "127.0.0.1").tree();
        assertThat(tree.entry("/etc/hosts")).isPresent();
        assertThat(tree.entry("etc/hosts")).isPresent();
        assertThat(tree.entry("/etc/./hosts/")).isPresent();
        assertThat(tree.isImplied("/")).isFalse();
    }

    @Test
    void aLaterEntryForTheSamePathReplacesTheEarlierOne() {
        FileTree tree = new Tars().dir("x").file("x/a", "").file("x", "now a file").tree();
        assertThat(tree.entry("/x").orElseThrow().type()).isEqualTo(EntryType.FILE);
        assertThat(tree.entry("/x/a")).isEmpty();
    }

    @Test
    void childrenAreSortedAndWalkIsPreOrder() {
        FileTree tree = new Tars().dir("a").file("a/z", "").dir("a/b").file("a/b/c", "").file("a-b", "").tree();
        assertThat(tree.children("/a")).extracting(FileEntry::name).containsExactly("b", "z");
        assertThat(tree.walk("/").map(FileEntry::path))
                .containsExactly("/", "/a", "/a/b", "/a/b/c", "/a/z", "/a-b");
        assertThatThrownBy(() -> tree.children("/a/z")).hasMessage("/a/z: Not a directory");
        assertThatThrownBy(() -> tree.children("/nope")).hasMessage("/nope: No such file or directory");
    }

    @Test
    void statEstimatesWhatTheKernelWouldReport() {
        FileTree tree = new Tars().dir("d").dir("d/e").dir("d/f").sized("d/g", 5000).symlink("d/l", "g").tree();
        FileStat d = tree.stat(tree.entry("/d").orElseThrow());
        assertThat(d.links()).isEqualTo(4);
        assertThat(d.size()).isEqualTo(4096);
        assertThat(d.blocks()).isEqualTo(8);
        FileStat g = tree.stat(tree.entry("/d/g").orElseThrow());
        assertThat(g.blocks()).isEqualTo(16);
        assertThat(g.kilobytes()).isEqualTo(8);
        assertThat(tree.stat(tree.entry("/d/l").orElseThrow()).size()).isEqualTo(1);
    }

    @Test
    void aDirectoryOfTenThousandEntriesIsIndexedAndListedQuickly() {
        Tars tars = new Tars().dir("big");
        for (int i = 0; i < 10_000; i++) {
            tars.file("big/file-" + i, "");
        }
        byte[] tar = tars.bytes();
        FileTree tree = FileTree.read(new ByteArrayInputStream(tar), "/");
        Ls ls = new Ls(new PathResolver(tree), Owners.numeric(), Clock.systemUTC());
        CommandOutput out = ls.render(List.of("/big"), LsOptions.parse("-l"));
        assertThat(out.lines()).hasSize(10_001);
        assertThat(out.lines().get(1)).endsWith(" file-0");
    }

    @Test
    void aHundredThousandEntriesAreIndexed() {
        Tars tars = new Tars();
        for (int d = 0; d < 100; d++) {
            tars.dir("usr/share/d" + d);
            for (int f = 0; f < 1000; f++) {
                tars.file("usr/share/d" + d + "/f" + f, "");
            }
        }
        byte[] tar = tars.bytes();
        FileTree tree = FileTree.read(new ByteArrayInputStream(tar), "/");
        assertThat(tree.size()).isEqualTo(100_100 + 3);
        assertThat(tree.walk("/usr").count()).isEqualTo(100_102);
    }

    @Test
    void builderStacksLayers() {
        FileTree.Builder b = FileTree.builder();
        FileTree base = new Tars().dir("etc").file("etc/a", "").file("etc/b", "").tree();
        base.walk("/").forEach(b::add);
        b.remove("/etc/a");
        b.clear("/etc");
        b.add(new FileEntry("/etc/c", EntryType.FILE, 0644, 0, 0, 1, Tars.DEFAULT_MTIME, null, 0, 0));
        FileTree tree = b.build("/");
        assertThat(tree.walk("/").map(FileEntry::path)).containsExactly("/", "/etc", "/etc/c");
    }
}
