package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathResolverTest {

    private final PathResolver resolver = new PathResolver(new Tars()
            .dir("usr/lib").file("usr/lib/libc.so", "libc")
            .dir("usr/lib/jvm/bin").file("usr/lib/jvm/bin/java", 0755, "java")
            .symlink("lib", "usr/lib")
            .dir("bin").file("bin/busybox", 0755, "bb").symlink("bin/sh", "busybox")
            .dir("etc/alternatives").symlink("etc/alternatives/java", "/usr/lib/jvm/bin/java")
            .symlink("usr/bin-java", "../etc/alternatives/java")
            .symlink("escape", "../../../../usr/lib/libc.so")
            .symlink("jvm", "/usr/lib/jvm/bin")
            .symlink("loop-a", "loop-b").symlink("loop-b", "loop-a")
            .symlink("self", "self")
            .symlink("dangling", "/nowhere")
            .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .hardlink("bin/bb2", "bin/busybox")
            .charDevice("null", 0666, 1, 3)
            .tree());

    @Test
    void followsRelativeAndAbsoluteTargets() {
        assertThat(resolver.resolve("/bin/sh").path()).isEqualTo("/bin/busybox");
        assertThat(resolver.resolve("/etc/alternatives/java").path()).isEqualTo("/usr/lib/jvm/bin/java");
        // a chain: relative link to an absolute link
        assertThat(resolver.resolve("/usr/bin-java").path()).isEqualTo("/usr/lib/jvm/bin/java");
    }

    @Test
    void followsSymlinkedDirectoriesInTheMiddleOfAPath() {
        assertThat(resolver.resolve("/lib/libc.so").path()).isEqualTo("/usr/lib/libc.so");
        assertThat(resolver.lookup("/lib/libc.so").path()).isEqualTo("/usr/lib/libc.so");
    }

    @Test
    void dotDotAppliesToTheTargetNotToTheLinkName() {
        // /jvm -> /usr/lib/jvm/bin, so /jvm/.. is /usr/lib/jvm, not /
        assertThat(resolver.resolve("/jvm/../bin/java").path()).isEqualTo("/usr/lib/jvm/bin/java");
    }

    @Test
    void absoluteAndEscapingTargetsStayInsideTheSnapshot() {
        assertThat(resolver.resolve("/escape").path()).isEqualTo("/usr/lib/libc.so");
        assertThat(resolver.resolve("/../../etc/passwd").path()).isEqualTo("/etc/passwd");
    }

    @Test
    void lookupDoesNotFollowTheLastComponent() {
        assertThat(resolver.lookup("/bin/sh").type()).isEqualTo(EntryType.SYMLINK);
        // unless a trailing slash asks for the directory
        assertThat(resolver.lookup("/lib/").path()).isEqualTo("/usr/lib");
    }

    @Test
    void detectsLoops() {
        assertThatThrownBy(() -> resolver.resolve("/loop-a"))
                .isInstanceOf(FsException.class).hasMessage("/loop-a: Too many levels of symbolic links");
        assertThatThrownBy(() -> resolver.resolve("/self/x"))
                .hasMessage("/self/x: Too many levels of symbolic links");
        assertThat(resolver.lookup("/self").isSymlink()).isTrue();
    }

    @Test
    void reportsMissingAndNotADirectoryLikeTheKernel() {
        assertThatThrownBy(() -> resolver.resolve("/dangling")).hasMessage("/dangling: No such file or directory");
        assertThatThrownBy(() -> resolver.resolve("/etc/nope")).hasMessage("/etc/nope: No such file or directory");
        assertThatThrownBy(() -> resolver.resolve("/etc/passwd/x")).hasMessage("/etc/passwd/x: Not a directory");
        assertThatThrownBy(() -> resolver.resolve("/bin/sh/")).hasMessage("/bin/sh/: Not a directory");
    }

    @Test
    void contentPathFollowsHardLinksAndRefusesWhatCatCannotPrint() {
        assertThat(resolver.contentPath("/bin/bb2")).isEqualTo("/bin/busybox");
        assertThat(resolver.contentPath("/bin/sh")).isEqualTo("/bin/busybox");
        assertThatThrownBy(() -> resolver.contentPath("/lib")).hasMessage("/lib: Is a directory");
        assertThatThrownBy(() -> resolver.contentPath("/null"))
                .hasMessage("/null: not a regular file (character special file)");
    }
}
