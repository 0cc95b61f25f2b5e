package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY/ADD source resolution: what each written source names in the context. */
class CopyResolveTest {
    @TempDir
    Path temp;
    /** The context is a subdirectory, so links "out of the context" still point inside the temp dir. */
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void context() throws java.io.IOException {
        dir = java.nio.file.Files.createDirectory(temp.resolve("ctx"));
        java.nio.file.Files.writeString(temp.resolve("outside"), "not in the context");
    }

    private CopySources resolve(Tree t, String... sources) {
        return t.context().resolve(List.of(sources));
    }

    private static List<String> paths(CopySources s) {
        return s.sources().stream().map(CopySource::path).toList();
    }

    @Test
    void plainFileAndDirectory() {
        Tree t = new Tree(dir).with("a.txt", "src/x.c", "src/sub/y.c");
        CopySources s = resolve(t, "a.txt", "src");
        assertThat(paths(s)).containsExactly("a.txt", "src");
        assertThat(s.sources().get(1).isDirectory()).isTrue();
        assertThat(s.sources().get(1).contents()).extracting(ContextEntry::path)
                .containsExactly("src/sub", "src/sub/y.c", "src/x.c");
        assertThat(s.wildcard()).isFalse();
    }

    @Test
    void leadingSlashAndDotMeanTheContextRoot() {
        Tree t = new Tree(dir).with("a.txt");
        assertThat(paths(resolve(t, "/a.txt", "./a.txt", "."))).containsExactly("a.txt", "a.txt", "");
        assertThat(paths(resolve(t, "/../a.txt"))).containsExactly("a.txt");
    }

    @Test
    void wildcardsMatchPerPathElement() {
        Tree t = new Tree(dir).with("hom1.txt", "home.txt", "homes/x", "other", "d/a.go", "d/e/b.go");
        CopySources s = resolve(t, "hom?.txt", "d/*.go");
        assertThat(paths(s)).containsExactly("hom1.txt", "home.txt", "d/a.go");
        assertThat(s.wildcard()).isTrue();
        assertThat(paths(resolve(t, "*/*.go"))).containsExactly("d/a.go");
        assertThat(paths(resolve(t, "[h]om*"))).containsExactly("hom1.txt", "home.txt", "homes");
    }

    @Test
    void wildcardBaseMayGoThroughASymlinkedDirectory() {
        Tree t = new Tree(dir).with("real/a.txt", "real/b.md").link("ln", "real");
        CopySources s = resolve(t, "ln/*.txt");
        assertThat(paths(s)).containsExactly("ln/a.txt");
        assertThat(s.sources().get(0).root().path()).isEqualTo("real/a.txt");
        Tree out = t.link("up", "..");
        assertThatThrownBy(() -> resolve(out, "up/*")).hasMessageContaining("outside the build context");
    }

    @Test
    void wildcardWithoutMatchIsAnError() {
        Tree t = new Tree(dir).with("a.txt");
        assertThatThrownBy(() -> resolve(t, "*.jar")).isInstanceOf(ContextException.class)
                .hasMessageStartingWith("COPY failed: no source files were specified").hasMessageContaining("*.jar");
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        Tree t = new Tree(dir).with("a.txt");
        assertThatThrownBy(() -> resolve(t, "a.txt", "missing/b.txt")).isInstanceOf(ContextException.class)
                .hasMessage("COPY failed: file not found in build context or excluded by .dockerignore: "
                        + "stat missing/b.txt: file does not exist");
    }

    @Test
    void ignoredFilesAreInvisible() {
        Tree t = new Tree(dir).with("secret.env", "src/a.c", "src/a.o", "logs/x.log").ignore("*.env", "**/*.o", "logs");
        assertThatThrownBy(() -> resolve(t, "secret.env")).hasMessageContaining("stat secret.env");
        assertThatThrownBy(() -> resolve(t, "logs/x.log")).hasMessageContaining("excluded by .dockerignore");
        assertThat(resolve(t, "src").sources().get(0).contents()).extracting(ContextEntry::path)
                .containsExactly("src/a.c");
        assertThat(paths(resolve(t, "*"))).containsExactly(".dockerignore", "src");
    }

    @Test
    void excludedDirectoryWithReincludedFileCanBeCopied() {
        Tree t = new Tree(dir).with("dir/keep", "dir/other").ignore("dir", "!dir/keep");
        CopySource s = resolve(t, "dir").sources().get(0);
        assertThat(s.contents()).extracting(ContextEntry::path).containsExactly("dir/keep");
        assertThat(paths(resolve(t, "dir/keep"))).containsExactly("dir/keep");
    }

    @Test
    void dotDotIsRejected() {
        Tree t = new Tree(dir).with("a.txt");
        assertThatThrownBy(() -> resolve(t, "../x")).isInstanceOf(ContextException.class)
                .hasMessageContaining("outside the build context").hasMessageContaining("../x");
        assertThatThrownBy(() -> resolve(t, "a/../../x")).hasMessageContaining("outside the build context");
    }

    @Test
    void absoluteSymlinkOutIsRejected() {
        Tree t = new Tree(dir).link("passwd", temp.resolve("outside").toString());
        assertThatThrownBy(() -> resolve(t, "passwd")).isInstanceOf(ContextException.class)
                .hasMessageContaining("outside the build context").hasMessageContaining("passwd");
    }

    @Test
    void relativeSymlinkOutIsRejected() {
        Tree t = new Tree(dir).link("sub/up", "../../outside");
        assertThat(java.nio.file.Files.exists(dir.resolve("sub/up"))).isTrue(); // a real file, just not ours
        assertThatThrownBy(() -> resolve(t, "sub/up")).isInstanceOf(ContextException.class)
                .hasMessageContaining("outside the build context").hasMessageContaining("sub/up");
    }

    @Test
    void symlinkedDirectoryOnTheWayOutIsRejected() {
        Tree t = new Tree(dir).link("out", "..");
        assertThatThrownBy(() -> resolve(t, "out/x")).hasMessageContaining("outside the build context");
    }

    @Test
    void symlinkRootIsFollowedInsideTheContext() {
        Tree t = new Tree(dir).file("real/data.txt", "hello").link("ln", "real/data.txt").link("dl", "real")
                .link("abs", dir.resolve("real").toString());
        CopySource file = resolve(t, "ln").sources().get(0);
        assertThat(file.path()).isEqualTo("ln");
        assertThat(file.root().type()).isEqualTo(EntryType.FILE);
        assertThat(file.root().size()).isEqualTo(5);
        assertThat(resolve(t, "dl").sources().get(0).contents()).extracting(ContextEntry::path)
                .containsExactly("real/data.txt");
        assertThat(resolve(t, "dl/data.txt").sources().get(0).root().size()).isEqualTo(5);
        assertThat(resolve(t, "abs").sources().get(0).isDirectory()).isTrue();
    }

    @Test
    void symlinkLoopIsAnError() {
        Tree t = new Tree(dir).link("a", "b").link("b", "a");
        assertThatThrownBy(() -> resolve(t, "a")).hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void symlinkToAnIgnoredFileIsNotFound() {
        Tree t = new Tree(dir).with("secret").link("ln", "secret").ignore("secret");
        assertThatThrownBy(() -> resolve(t, "ln")).hasMessageContaining("file not found");
    }

    @Test
    void symlinksInsideADirectorySourceAreKeptAsLinks() {
        Tree t = new Tree(dir).with("d/f").link("d/out", temp.resolve("outside").toString());
        CopySource s = resolve(t, "d").sources().get(0);
        assertThat(s.contents()).extracting(ContextEntry::path, ContextEntry::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d/f", EntryType.FILE),
                        org.assertj.core.groups.Tuple.tuple("d/out", EntryType.SYMLINK));
    }

    @Test
    void parentsPathStopsAtAPivot() {
        Tree t = new Tree(dir).with("x/y/a.txt");
        assertThat(resolve(t, "x/y/a.txt").sources().get(0).parentsPath()).isEqualTo("x/y/a.txt");
        assertThat(resolve(t, "./x/./y/a.txt").sources().get(0).parentsPath()).isEqualTo("y/a.txt");
        assertThat(resolve(t, "x/./y/*.txt").sources().get(0).parentsPath()).isEqualTo("y/a.txt");
    }
}
