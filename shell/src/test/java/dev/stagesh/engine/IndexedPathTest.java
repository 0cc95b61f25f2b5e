package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.fs.EntryType;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a layer index can say of a path for certain, and where it must leave the engine to say it. */
class IndexedPathTest {
    private static FileEntry dir(String path, int mode, long uid, long gid) {
        return new FileEntry(path, EntryType.DIRECTORY, mode, uid, gid, 0, Instant.EPOCH, null, 0, 0);
    }

    /** /srv (02775, 0:50) with /srv/www/html (its parent only implied), /etc/os-release, /var/run -> /run. */
    private final FileTree tree = FileTree.builder()
            .add(dir("/srv", 02775, 0, 50))
            .add(dir("/srv/www/html", 0750, 33, 33))
            .add(new FileEntry("/etc/os-release", EntryType.FILE, 0644, 0, 0, 10, Instant.EPOCH, null, 0, 0))
            .add(new FileEntry("/var/run", EntryType.SYMLINK, 0777, 0, 0, 0, Instant.EPOCH, "/run", 0, 0))
            .build("/");

    @Test
    void aDirectoryWithItsOwnHeaderIsKnownWithIt() {
        IndexedPath srv = IndexedPath.of(tree, "/srv");
        assertThat(srv.answer()).isEqualTo(IndexedPath.Answer.DIRECTORY);
        assertThat(srv.entry().mode()).isEqualTo(02775);
        assertThat(srv.entry().gid()).isEqualTo(50);
        assertThat(IndexedPath.of(tree, "/srv/www/html").entry().uid()).isEqualTo(33);
    }

    @Test
    void aDirectoryOnlyImpliedIsThereButItsHeaderIsNotKnown() {
        assertThat(IndexedPath.of(tree, "/srv/www").answer()).isEqualTo(IndexedPath.Answer.IMPLIED_DIRECTORY);
    }

    @Test
    void theRootIsADirectoryOfRootsEvenWhereNoLayerListsIt() {
        IndexedPath root = IndexedPath.of(tree, "/");
        assertThat(root.answer()).isEqualTo(IndexedPath.Answer.DIRECTORY);
        assertThat(root.entry().mode()).isEqualTo(0755);
        assertThat(root.entry().uid()).isZero();
    }

    @Test
    void theFirstMissingComponentIsNamed() {
        IndexedPath missing = IndexedPath.of(tree, "/srv/app/bin");
        assertThat(missing.answer()).isEqualTo(IndexedPath.Answer.MISSING);
        assertThat(missing.firstMissing()).isEqualTo("/srv/app");
        assertThat(IndexedPath.of(tree, "/opt").firstMissing()).isEqualTo("/opt");
    }

    @Test
    void aLinkOrAFileOnTheWayIsLeftToTheEngine() {
        assertThat(IndexedPath.of(tree, "/var/run").answer()).isEqualTo(IndexedPath.Answer.UNRESOLVED);
        assertThat(IndexedPath.of(tree, "/var/run/x").answer()).isEqualTo(IndexedPath.Answer.UNRESOLVED);
        assertThat(IndexedPath.of(tree, "/etc/os-release/x").answer()).isEqualTo(IndexedPath.Answer.UNRESOLVED);
    }
}
