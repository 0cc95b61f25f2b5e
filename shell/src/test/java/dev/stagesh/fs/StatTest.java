package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatTest {

    private final FileTree tree = new Tars()
            .dir("etc").file("etc/passwd", 0644, "x".repeat(922))
            .owner(1000, 1000).file("etc/empty", 0600, "")
            .owner(0, 0).symlink("etc/mtab", "/proc/mounts").charDevice("etc/null", 0666, 1, 3)
            .owner(0, 50).dir("etc/ssl", 02750)
            .tree();

    private final Stat stat = new Stat(new PathResolver(tree), LsTest.OWNERS, LsTest.CLOCK);

    @Test
    void describesARegularFileLikeGnuStat() {
        assertThat(stat.render(List.of("/etc/passwd"), false).lines()).containsExactly(
                "  File: /etc/passwd",
                "  Size: 922       \tBlocks: 8          IO Block: 4096   regular file",
                "Links: 1",
                "Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)",
                "Modify: 2024-06-01 10:30:00.000000000 +0000");
    }

    @Test
    void describesOtherKinds() {
        CommandOutput out = stat.render(List.of("/etc/empty", "/etc/mtab", "/etc/null", "/etc/ssl", "/etc/x"), false);
        assertThat(out.lines()).containsExactly(
                "  File: /etc/empty",
                "  Size: 0         \tBlocks: 0          IO Block: 4096   regular empty file",
                "Links: 1",
                "Access: (0600/-rw-------)  Uid: ( 1000/     app)   Gid: ( 1000/     app)",
                "Modify: 2024-06-01 10:30:00.000000000 +0000",
                "  File: /etc/mtab -> /proc/mounts",
                "  Size: 12        \tBlocks: 0          IO Block: 4096   symbolic link",
                "Links: 1",
                "Access: (0777/lrwxrwxrwx)  Uid: (    0/    root)   Gid: (    0/    root)",
                "Modify: 2024-06-01 10:30:00.000000000 +0000",
                "  File: /etc/null",
                "  Size: 0         \tBlocks: 0          IO Block: 4096   character special file",
                "Links: 1     Device type: 1,3",
                "Access: (0666/crw-rw-rw-)  Uid: (    0/    root)   Gid: (    0/    root)",
                "Modify: 2024-06-01 10:30:00.000000000 +0000",
                "  File: /etc/ssl",
                "  Size: 4096      \tBlocks: 8          IO Block: 4096   directory",
                "Links: 2",
                "Access: (2750/drwxr-s---)  Uid: (    0/    root)   Gid: (   50/ UNKNOWN)",
                "Modify: 2024-06-01 10:30:00.000000000 +0000");
        assertThat(out.errors()).containsExactly("cannot stat '/etc/x': No such file or directory");
    }

    @Test
    void printsTimeInTheClocksZone() {
        Clock paris = Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneId.of("Europe/Paris"));
        StatRecord r = new Stat(new PathResolver(tree), Owners.numeric(), paris).record("/etc/passwd", false);
        assertThat(r.modify()).isEqualTo("2024-06-01 12:30:00.000000000 +0200");
        assertThat(r.user()).isNull();
    }
}
