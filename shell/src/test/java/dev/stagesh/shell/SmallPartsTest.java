package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.context.ContextEntry;
import dev.stagesh.context.EntryType;
import dev.stagesh.fs.DiffEntry;
import dev.stagesh.fs.FileEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure helpers of the inspection commands. */
class SmallPartsTest {

    @Test
    void foundPathsAreSpelledFromTheOperandAsTyped() {
        assertThat(TypedPath.respell("app", "/work/app", "/work/app/x/y")).isEqualTo("app/x/y");
        assertThat(TypedPath.respell("app/", "/work/app", "/work/app/x")).isEqualTo("app/x");
        assertThat(TypedPath.respell(".", "/work", "/work/x")).isEqualTo("./x");
        assertThat(TypedPath.respell("/", "/", "/etc/passwd")).isEqualTo("/etc/passwd");
        assertThat(TypedPath.respell("src", "/work/src", "/work/src")).isEqualTo("src");
        assertThat(TypedPath.relative("/work", "/work/a/b")).isEqualTo("a/b");
        assertThat(TypedPath.relative("/", "/etc")).isEqualTo("etc");
    }

    private static ContextEntry ctx(String path, EntryType type, long size, String link) {
        return new ContextEntry(path, type, type == EntryType.DIRECTORY ? 0755 : 0644, size, 0, link, Path.of(path));
    }

    @Test
    void contextListing() {
        List<ContextEntry> all = List.of(ctx("Dockerfile", EntryType.FILE, 30, null),
                ctx("src", EntryType.DIRECTORY, 0, null), ctx("src/a.txt", EntryType.FILE, 1200, null),
                ctx("src-link", EntryType.SYMLINK, 0, "src"), ctx("srcx", EntryType.FILE, 1, null));
        assertThat(ContextListing.clean("./src/../src/")).isEqualTo("src");
        assertThat(ContextListing.clean(".")).isEmpty();
        assertThat(ContextListing.clean("../x")).isNull();
        assertThat(ContextListing.under(all, "src")).extracting(ContextEntry::path).containsExactly("src", "src/a.txt");
        assertThat(ContextListing.under(all, "")).hasSize(5);
        assertThat(all.stream().map(ContextListing::line))
                .containsExactly("Dockerfile", "src/", "src/a.txt", "src-link -> src", "srcx");
        assertThat(ContextListing.summary(all)).isEqualTo("1 directory, 3 files, 1 symlink (1.2 kB)");
        assertThat(ContextListing.summary(List.of())).isEqualTo("0 directories, 0 files, 0 symlinks (0 B)");
    }

    private static FileEntry file(String path, int mode, long size) {
        return new FileEntry(path, dev.stagesh.fs.EntryType.FILE, mode, 0, 0, size, Instant.EPOCH, null, 0, 0);
    }

    @Test
    void diffLinesShowSizesAndWhatChanged() {
        var added = new DiffEntry(DiffEntry.Kind.ADDED, "/a", null, file("/a", 0644, 1500), Set.of());
        var grown = new DiffEntry(DiffEntry.Kind.CHANGED, "/b", file("/b", 0644, 3), file("/b", 0600, 2000),
                Set.of(DiffEntry.Attribute.SIZE, DiffEntry.Attribute.MODE));
        var chmod = new DiffEntry(DiffEntry.Kind.CHANGED, "/c", file("/c", 0644, 9), file("/c", 0600, 9),
                Set.of(DiffEntry.Attribute.MODE));
        var removed = new DiffEntry(DiffEntry.Kind.REMOVED, "/d", file("/d", 0644, 5), null, Set.of());
        assertThat(DiffCommand.line(added)).isEqualTo("A /a (1.5 kB)");
        assertThat(DiffCommand.line(grown)).isEqualTo("C /b (3 B -> 2.0 kB) [mode, size]");
        assertThat(DiffCommand.line(chmod)).isEqualTo("C /c (9 B) [mode]");
        assertThat(DiffCommand.line(removed)).isEqualTo("D /d (5 B)");
    }

    @Test
    void execStartFailuresAreOneShortLine() {
        assertThat(ExecCommand.startFailure("nope", "start container: OCI runtime create failed: container_linux.go:380: "
                + "starting container process caused: exec: \"nope\": executable file not found in $PATH: unknown"))
                .isEqualTo("nope: executable file not found in $PATH");
        assertThat(ExecCommand.startFailure("/x", "start container: ... exec: \"/x\": stat /x: no such file or directory"))
                .isEqualTo("/x: no such file or directory");
        // crun, as Podman runs it, words it differently
        assertThat(ExecCommand.startFailure("ls", "start container: crun: executable file `ls` not found in $PATH: "
                + "No such file or directory: OCI runtime attempted to invoke a command that was not found"))
                .isEqualTo("ls: executable file not found in $PATH");
    }
}
