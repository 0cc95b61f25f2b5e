package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COPY cache key: content and mode sensitive, mtime and location blind. */
class ChecksumTest {
    @TempDir
    Path dir;

    private static Tree sample(Path root) {
        return new Tree(root).file("src/a.txt", "alpha").file("src/sub/b.txt", "beta").link("src/ln", "a.txt")
                .mode("src/a.txt", "rw-r--r--").mode("src/sub/b.txt", "rw-r--r--")
                .mode("src", "rwxr-xr-x").mode("src/sub", "rwxr-xr-x");
    }

    private static String sum(Tree t, String... sources) {
        BuildContext ctx = t.context();
        return ctx.checksum(ctx.resolve(List.of(sources)));
    }

    @Test
    void sameContentInAnotherPlaceGivesTheSameKey() throws Exception {
        Tree one = sample(Files.createDirectory(dir.resolve("one")));
        Tree two = sample(Files.createDirectory(dir.resolve("two")));
        assertThat(sum(one, "src")).startsWith("sha256:").hasSize(71).isEqualTo(sum(two, "src"));
        assertThat(sum(one, "src")).isEqualTo(sum(one, "src"));
    }

    @Test
    void mtimeDoesNotMatter() {
        Tree t = sample(dir);
        String before = sum(t, "src");
        t.mtime("src/a.txt", 1_000L).mtime("src/sub", 2_000L);
        assertThat(sum(t, "src")).isEqualTo(before);
    }

    @Test
    void contentModeNamesAndLinksMatter() {
        Tree t = sample(dir);
        String before = sum(t, "src");
        t.file("src/a.txt", "alphA");
        String content = sum(t, "src");
        assertThat(content).isNotEqualTo(before);
        t.mode("src/a.txt", "rwxr-xr-x");
        String mode = sum(t, "src");
        assertThat(mode).isNotEqualTo(content);
        t.file("src/new.txt", "");
        String added = sum(t, "src");
        assertThat(added).isNotEqualTo(mode);
        try {
            Files.delete(t.root.resolve("src/ln"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        t.link("src/ln", "sub/b.txt");
        assertThat(sum(t, "src")).isNotEqualTo(added);
    }

    @Test
    void ignoredFilesAndExcludesDoNotMatter() {
        Tree t = sample(dir).ignore("src/*.log");
        String before = sum(t, "src");
        t.file("src/debug.log", "noise");
        assertThat(sum(t, "src")).isEqualTo(before);
        BuildContext ctx = t.context();
        CopySources s = ctx.resolve(List.of("src"));
        String excluded = ctx.checksum(s, CopyOptions.defaults().withExcludes(List.of("sub")));
        assertThat(excluded).isNotEqualTo(before);
        t.file("src/sub/b.txt", "changed");
        assertThat(ctx.checksum(ctx.resolve(List.of("src")), CopyOptions.defaults().withExcludes(List.of("sub"))))
                .isEqualTo(excluded);
    }

    @Test
    void modeOfTheCopiedDirectoryItselfDoesNotMatterButModesBelowDo() {
        Tree t = sample(dir);
        String before = sum(t, "src");
        t.mode("src", "rwxrwxr-x");
        assertThat(sum(t, "src")).isEqualTo(before);
        t.mode("src/sub", "rwxrwxr-x");
        assertThat(sum(t, "src")).isNotEqualTo(before);
    }

    @Test
    void sourceNameMatters() {
        Tree t = new Tree(dir).file("a", "same").file("b", "same");
        assertThat(sum(t, "a")).isNotEqualTo(sum(t, "b"));
    }
}
