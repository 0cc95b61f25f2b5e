package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TreeDiffTest {

    @Test
    void reportsAddedChangedAndRemovedSortedByPath() {
        FileTree before = new Tars()
                .dir("etc").file("etc/passwd", "root:x:0:0\n").file("etc/motd", "hi")
                .dir("var/cache/apt").sized("var/cache/apt/pkgcache.bin", 4000).sized("var/cache/apt/srcpkgcache.bin", 3000)
                .file("bin/app", 0755, "v1").symlink("bin/sh", "busybox").file("etc-x", "")
                .tree();
        FileTree after = new Tars()
                .dir("etc").file("etc/passwd", "root:x:0:0\napp:x:1000:1000\n").file("etc/motd", 0600, "hi")
                .dir("var/cache")
                .file("bin/app", 0755, "v1").symlink("bin/sh", "bash").sized("bin/bash", 1234)
                .file("etc-x", "")
                .tree();

        TreeDiff diff = TreeDiff.between(before, after);

        assertThat(diff.render()).containsExactly(
                "A /bin/bash (1.2 kB)",
                "C /bin/sh -> bash",
                "C /etc/motd (2 B)",
                "C /etc/passwd (27 B)",
                "D /var/cache/apt");
        assertThat(diff.of(DiffEntry.Kind.CHANGED)).extracting(DiffEntry::changed).containsExactly(
                java.util.Set.of(DiffEntry.Attribute.LINK_TARGET),
                java.util.Set.of(DiffEntry.Attribute.MODE),
                java.util.Set.of(DiffEntry.Attribute.SIZE));
        assertThat(diff.summary()).isEqualTo("1 added (1.2 kB), 3 changed, 1 removed (0 B)");
    }

    @Test
    void modificationTimeAloneCountsAsAChange() {
        FileTree before = new Tars().file("f", "same").tree();
        FileTree after = new Tars().mtime("2024-06-02T00:00:00Z").file("f", "same").tree();
        assertThat(TreeDiff.between(before, after).entries()).singleElement()
                .satisfies(e -> assertThat(e.changed()).containsExactly(DiffEntry.Attribute.MTIME));
        assertThat(TreeDiff.between(before, before).isEmpty()).isTrue();
    }

    @Test
    void removedFilesCarryTheirSize() {
        FileTree before = new Tars().dir("d").sized("d/big", 2_500_000).tree();
        FileTree after = new Tars().dir("d").tree();
        TreeDiff diff = TreeDiff.between(before, after);
        assertThat(diff.render()).containsExactly("C /d", "D /d/big (2.5 MB)");
        assertThat(diff.bytes(DiffEntry.Kind.REMOVED)).isEqualTo(2_500_000);
    }

    @Test
    void aDirectoryThatGainedOrLostEntriesChangedWhateverItsMtime() {
        FileTree before = new Tars().dir("app").file("app/old", "x").dir("etc").tree();
        FileTree after = new Tars().dir("app").file("app/new", "y").dir("etc").tree();
        TreeDiff diff = TreeDiff.between(before, after);
        assertThat(diff.render()).containsExactly("C /app", "A /app/new (1 B)", "D /app/old (1 B)");
        assertThat(diff.of(DiffEntry.Kind.CHANGED)).singleElement()
                .satisfies(e -> assertThat(e.changed()).containsExactly(DiffEntry.Attribute.ENTRIES));
    }
}
