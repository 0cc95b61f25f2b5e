package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `context` shows: the entries docker would send. */
class BuildContextWalkTest {
    @TempDir
    Path dir;

    @Test
    void listsEverythingInStableOrderDirectoriesFirst() {
        Tree t = new Tree(dir).with("b.txt", "a/z", "a/b/c", "a.txt", "empty/");
        assertThat(t.walk()).containsExactly("a", "a/b", "a/b/c", "a/z", "a.txt", "b.txt", "empty");
    }

    @Test
    void reportsTypesModesAndLinksWithoutFollowing() {
        Tree t = new Tree(dir).file("run.sh", "#!/bin/sh\n").mode("run.sh", "rwxr-x---")
                .link("ln", "run.sh").dir("d");
        var entries = t.context().walk();
        assertThat(entries).extracting(ContextEntry::path).containsExactly("d", "ln", "run.sh");
        assertThat(entries.get(0).type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(entries.get(1).type()).isEqualTo(EntryType.SYMLINK);
        assertThat(entries.get(1).linkTarget()).isEqualTo("run.sh");
        assertThat(entries.get(1).size()).isZero();
        assertThat(entries.get(2).mode()).isEqualTo(0750);
        assertThat(entries.get(2).size()).isEqualTo(10);
    }

    @Test
    void ignoredEntriesAreLeftOut() {
        Tree t = new Tree(dir).with("keep.txt", "x.log", "node_modules/m/index.js", "src/a.log", "src/a.c")
                .ignore("*.log", "node_modules", ".dockerignore");
        assertThat(t.walk()).containsExactly("keep.txt", "src", "src/a.c", "src/a.log");
    }

    @Test
    void excludedDirectoryIsSentWhenSomethingInsideIsReincluded() {
        Tree t = new Tree(dir).with("dir/keep", "dir/other", "dir/sub/x").ignore("dir", "!dir/keep");
        assertThat(t.walk()).containsExactly(".dockerignore", "dir", "dir/keep");
    }

    @Test
    void reincludedDirectoryBringsItsContents() {
        Tree t = new Tree(dir).with("a/b/c/d.txt", "a/b/e.txt").ignore("**", "!a/b/c");
        assertThat(t.walk()).containsExactly("a", "a/b", "a/b/c", "a/b/c/d.txt");
    }

    @Test
    void missingContextIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> BuildContext.open(missing)).isInstanceOf(ContextException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
    }

    @Test
    void fileAsContextIsAnErrorNamingIt() {
        new Tree(dir).with("f");
        Path file = dir.resolve("f");
        assertThatThrownBy(() -> BuildContext.open(file)).isInstanceOf(ContextException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("must be a directory");
    }

    @Test
    void badIgnoreFileFailsOnOpen() {
        new Tree(dir).ignore("ok", "[oops");
        assertThatThrownBy(() -> BuildContext.open(dir)).isInstanceOf(ContextException.class)
                .hasMessageStartingWith(".dockerignore:2:");
    }
}
