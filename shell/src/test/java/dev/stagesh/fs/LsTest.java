package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC);
    static final Owners OWNERS = Owners.parse(
            "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n",
            "root:x:0:\ndisk:x:6:\napp:x:1000:\n");

    /** A directory with one of everything ls -l has to draw. */
    static Tars demo() {
        return new Tars()
                .dir("demo")
                .file("demo/app", 04755, new byte[12345])
                .owner(1000, 1000).dir("data").dir("data/cache")
                .owner(0, 0).dir("demo/locked", 01770)
                .symlink("demo/link", "app")
                .charDevice("demo/null", 0666, 1, 3)
                .owner(0, 6).blockDevice("demo/sda", 0660, 8, 0)
                .owner(7, 4242).mtime("2019-03-05T08:00:00Z").file("demo/old", 0644, "hello")
                .owner(0, 0).mtime(Tars.DEFAULT_MTIME).dir("demo/tmp", 01777)
                .file("demo/.hidden", "");
    }

    private static Ls ls(FileTree tree) {
        return new Ls(new PathResolver(tree), OWNERS, CLOCK);
    }

    @Test
    void longFormatAlignsColumnsLikeGnu() {
        // data lives at /data in the tar above; move it under demo for this listing
        FileTree tree = new Tars()
                .dir("demo")
                .file("demo/app", 04755, new byte[12345])
                .owner(1000, 1000).dir("demo/data").dir("demo/data/cache")
                .owner(0, 0).dir("demo/locked", 01770)
                .symlink("demo/link", "app")
                .charDevice("demo/null", 0666, 1, 3)
                .owner(0, 6).blockDevice("demo/sda", 0660, 8, 0)
                .owner(7, 4242).mtime("2019-03-05T08:00:00Z").file("demo/old", 0644, "hello")
                .owner(0, 0).mtime(Tars.DEFAULT_MTIME).dir("demo/tmp", 01777)
                .file("demo/.hidden", "")
                .tree();

        assertThat(ls(tree).render(List.of("/demo"), LsOptions.parse("-l")).lines()).containsExactly(
                "total 32",
                "-rwsr-xr-x 1 root root 12345 Jun  1 10:30 app",
                "drwxr-xr-x 3 app  app   4096 Jun  1 10:30 data",
                "lrwxrwxrwx 1 root root     3 Jun  1 10:30 link -> app",
                "drwxrwx--T 2 root root  4096 Jun  1 10:30 locked",
                "crw-rw-rw- 1 root root  1, 3 Jun  1 10:30 null",
                "-rw-r--r-- 1    7 4242     5 Mar  5  2019 old",
                "brw-rw---- 1 root disk  8, 0 Jun  1 10:30 sda",
                "drwxrwxrwt 2 root root  4096 Jun  1 10:30 tmp");

        assertThat(ls(tree).render(List.of("/demo"), LsOptions.parse("-lh")).lines()).containsExactly(
                "total 32K",
                "-rwsr-xr-x 1 root root  13K Jun  1 10:30 app",
                "drwxr-xr-x 3 app  app  4.0K Jun  1 10:30 data",
                "lrwxrwxrwx 1 root root    3 Jun  1 10:30 link -> app",
                "drwxrwx--T 2 root root 4.0K Jun  1 10:30 locked",
                "crw-rw-rw- 1 root root 1, 3 Jun  1 10:30 null",
                "-rw-r--r-- 1    7 4242    5 Mar  5  2019 old",
                "brw-rw---- 1 root disk 8, 0 Jun  1 10:30 sda",
                "drwxrwxrwt 2 root root 4.0K Jun  1 10:30 tmp");

        // -a adds dot files and the directory itself and its parent (the implied root, epoch-dated)
        assertThat(ls(tree).render(List.of("/demo"), LsOptions.parse("-la")).lines()).startsWith(
                "total 40",
                "drwxr-xr-x 5 root root  4096 Jun  1 10:30 .",
                "drwxr-xr-x 3 root root  4096 Jan  1  1970 ..",
                "-rw-r--r-- 1 root root     0 Jun  1 10:30 .hidden",
                "-rwsr-xr-x 1 root root 12345 Jun  1 10:30 app");
    }

    @Test
    void shortFormatHidesDotFilesAndListsOneNamePerLine() {
        FileTree tree = demo().tree();
        assertThat(ls(tree).render(List.of("/demo"), LsOptions.DEFAULT).lines())
                .containsExactly("app", "link", "locked", "null", "old", "sda", "tmp");
        assertThat(ls(tree).render(List.of("/demo"), LsOptions.parse("-a")).lines())
                .containsExactly(".", "..", ".hidden", "app", "link", "locked", "null", "old", "sda", "tmp");
    }

    @Test
    void namesSortInTheCLocaleByteOrder() {
        FileTree tree = new Tars().dir("d").file("d/b", "").file("d/B", "").file("d/_x", "")
                .file("d/a", "").file("d/Zeta", "").file("d/-dash", "").file("d/é", "").file("d/1", "").tree();
        assertThat(ls(tree).render(List.of("/d"), LsOptions.DEFAULT).lines())
                .containsExactly("-dash", "1", "B", "Zeta", "_x", "a", "b", "é");
    }

    @Test
    void aFileOperandListsJustThatFileUnderTheNameGiven() {
        FileTree tree = demo().tree();
        assertThat(ls(tree).render(List.of("/demo/app"), LsOptions.parse("-l")).lines())
                .containsExactly("-rwsr-xr-x 1 root root 12345 Jun  1 10:30 /demo/app");
        assertThat(ls(tree).render(List.of("/demo/app"), LsOptions.DEFAULT).lines()).containsExactly("/demo/app");
    }

    @Test
    void directoryFlagListsTheDirectoryItself() {
        FileTree tree = demo().tree();
        assertThat(ls(tree).render(List.of("/demo/tmp"), LsOptions.parse("-ld")).lines())
                .containsExactly("drwxrwxrwt 2 root root 4096 Jun  1 10:30 /demo/tmp");
    }

    @Test
    void symlinkToDirectoryIsFollowedWithoutLongFormatOnly() {
        FileTree tree = new Tars().dir("d").file("d/f", "").symlink("l", "d").tree();
        assertThat(ls(tree).render(List.of("/l"), LsOptions.DEFAULT).lines()).containsExactly("f");
        assertThat(numeric(tree).render(List.of("/l"), LsOptions.parse("-l")).lines())
                .containsExactly("lrwxrwxrwx 1 0 0 1 Jun  1 10:30 /l -> d");
        assertThat(ls(tree).render(List.of("/l/"), LsOptions.parse("-l")).lines())
                .containsExactly("total 0", "-rw-r--r-- 1 root root 0 Jun  1 10:30 f");
    }

    private static Ls numeric(FileTree tree) {
        return new Ls(new PathResolver(tree), Owners.numeric(), CLOCK);
    }

    @Test
    void severalOperandsPrintFilesFirstThenEachDirectoryUnderAHeading() {
        FileTree tree = demo().tree();
        CommandOutput out = ls(tree).render(List.of("/demo/tmp", "/nope", "/demo/app", "/data"), LsOptions.DEFAULT);
        assertThat(out.lines()).containsExactly("/demo/app", "", "/data:", "cache", "", "/demo/tmp:");
        assertThat(out.errors()).containsExactly("cannot access '/nope': No such file or directory");
    }

    @Test
    void numericOwnersAreRightAlignedAndNamesLeftAligned() {
        FileTree tree = new Tars().dir("d").owner(1000, 1000).file("d/a", "").owner(5, 5).file("d/b", "")
                .owner(0, 0).file("d/c", "").tree();
        assertThat(ls(tree).render(List.of("/d"), LsOptions.parse("-l")).lines()).containsExactly(
                "total 0",
                "-rw-r--r-- 1 app  app  0 Jun  1 10:30 a",
                "-rw-r--r-- 1    5    5 0 Jun  1 10:30 b",
                "-rw-r--r-- 1 root root 0 Jun  1 10:30 c");
        assertThat(numeric(tree).render(List.of("/d"), LsOptions.parse("-l")).lines())
                .contains("-rw-r--r-- 1 1000 1000 0 Jun  1 10:30 a", "-rw-r--r-- 1    5    5 0 Jun  1 10:30 b",
                        "-rw-r--r-- 1    0    0 0 Jun  1 10:30 c");
    }

    @Test
    void datesOlderThanSixMonthsOrInTheFutureShowTheYear() {
        FileTree tree = new Tars().dir("d")
                .mtime("2024-01-10T09:05:00Z").file("d/five-months", "")
                .mtime("2023-11-10T09:05:00Z").file("d/seven-months", "")
                .mtime("2024-06-16T09:05:00Z").file("d/tomorrow", "")
                .tree();
        assertThat(ls(tree).render(List.of("/d"), LsOptions.parse("-l")).lines()).containsExactly(
                "total 0",
                "-rw-r--r-- 1 root root 0 Jan 10 09:05 five-months",
                "-rw-r--r-- 1 root root 0 Nov 10  2023 seven-months",
                "-rw-r--r-- 1 root root 0 Jun 16  2024 tomorrow");
    }

    @Test
    void hardLinksShowTheSharedSizeAndLinkCount() {
        FileTree tree = new Tars().dir("bin").file("bin/perl5", 0755, new byte[2000])
                .hardlink("bin/perl", "bin/perl5").tree();
        assertThat(ls(tree).render(List.of("/bin"), LsOptions.parse("-l")).lines()).containsExactly(
                "total 8",
                "-rwxr-xr-x 2 root root 2000 Jun  1 10:30 perl",
                "-rwxr-xr-x 2 root root 2000 Jun  1 10:30 perl5");
    }

    @Test
    void recordsCarryTheSameFactsAsData() {
        FileTree tree = demo().tree();
        List<LsRecord> records = ls(tree).records("/demo", LsOptions.DEFAULT);
        assertThat(records).extracting(LsRecord::name)
                .containsExactly("app", "link", "locked", "null", "old", "sda", "tmp");
        LsRecord app = records.get(0);
        assertThat(app.mode()).isEqualTo("-rwsr-xr-x");
        assertThat(app.modeOctal()).isEqualTo("4755");
        assertThat(app.size()).isEqualTo(12345);
        assertThat(app.owner()).isEqualTo("root");
        assertThat(records.get(3).major()).isEqualTo(1);
        assertThat(records.get(1).linkTarget()).isEqualTo("app");
        assertThatThrownBy(() -> ls(tree).records("/missing", LsOptions.DEFAULT))
                .isInstanceOf(FsException.class)
                .hasMessage("cannot access '/missing': No such file or directory");
    }
}
