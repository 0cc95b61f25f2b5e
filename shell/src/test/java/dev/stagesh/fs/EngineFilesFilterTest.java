package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of leaving out the files the engine adds to a container: a tree and a tar
 * stream without them (and with the image's own put back), and an image's own file under them
 * read from a save.
 */
class EngineFilesFilterTest {
    private static final Set<String> ENGINE = Set.of("/.dockerenv", "/etc/hostname", "/proc");

    private static byte[] container() {
        return new Tars().dir("./").file(".dockerenv", 0755, "").dir("etc/").file("etc/hostname", 0755, "")
                .dir("proc/").file("f", "mine\n").bytes();
    }

    @Test
    void aTreeLeavesOutHiddenPathsAndAHolderTheyAloneWereIn() {
        FileTree t = FileTree.read(new ByteArrayInputStream(container()), "/", ENGINE::contains, List.of(), Set.of("/etc"));
        assertThat(t.children("/").stream().map(FileEntry::name)).containsExactly("f");
    }

    @Test
    void anExtraEntryKeepsItsHolder() {
        FileEntry own = new FileEntry("/etc/hostname", EntryType.FILE, 0644, 0, 0, 3, Tars.DEFAULT_MTIME, null, 0, 0);
        FileTree t = FileTree.read(new ByteArrayInputStream(container()), "/", ENGINE::contains, List.of(own), Set.of("/etc"));
        assertThat(t.children("/").stream().map(FileEntry::name)).containsExactly("etc", "f");
        assertThat(t.entry("/etc/hostname").orElseThrow().size()).isEqualTo(3);
    }

    @Test
    void aFilteredTarKeepsEveryOtherEntryAndItsContentAndAddsTheExtraOnes() throws IOException {
        FileEntry own = new FileEntry("/etc/hostname", EntryType.FILE, 0644, 0, 0, 3, Tars.DEFAULT_MTIME, null, 0, 0);
        var extra = List.of(TarFilter.Extra.of(own, "/", "vm\n".getBytes(StandardCharsets.UTF_8)));
        List<String> seen = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                new TarFilter(new ByteArrayInputStream(container()), "/", ENGINE::contains, extra))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String content = e.isFile() ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "";
                seen.add(e.getName() + "=" + content + ":" + Integer.toOctalString(e.getMode() & 07777));
            }
        }
        assertThat(seen).containsExactly("./=:755", "etc/=:755", "f=mine\n:644", "etc/hostname=vm\n:644");
    }

    @Test
    void theImagesOwnFileIsTheTopmostLayersUnlessAWhiteoutRemovedIt() {
        byte[] base = new Tars().dir("etc/").file("etc/hostname", "base\n").file("etc/hosts", "h\n").bytes();
        byte[] upper = new Tars().file("etc/hostname", "upper\n").file("etc/.wh.hosts", "").bytes();
        byte[] save = new Tars().file("a/layer.tar", 0644, base).file("b/layer.tar", 0644, upper)
                .file("manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"a/layer.tar\",\"b/layer.tar\"]}]").bytes();
        var found = SavedFileContent.read(new ByteArrayInputStream(save), Set.of("/etc/hostname", "/etc/hosts", "/.dockerenv"), 1024);
        assertThat(found).containsOnlyKeys("/etc/hostname");
        assertThat(new String(found.get("/etc/hostname").bytes(), StandardCharsets.UTF_8)).isEqualTo("upper\n");
    }
}
