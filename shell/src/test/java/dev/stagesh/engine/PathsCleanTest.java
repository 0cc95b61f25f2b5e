package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths inside an image: Go's path.Clean from the root, resolved against the WORKDIR; any path taken. */
class PathsCleanTest {
    @Test
    void cleanAndResolveAsWorkdirAndCopyDo() {
        assertThat(Paths.resolve("/", "a/./b//c/..")).isEqualTo("/a/b");
        assertThat(Paths.resolve("/app", "/../..")).isEqualTo("/");
        assertThat(Paths.resolve("/app", "../etc/x")).isEqualTo("/etc/x");
        assertThat(Paths.resolve("", "bin")).isEqualTo("/bin");
        assertThat(Paths.resolve(null, "bin/")).isEqualTo("/bin");
        assertThat(Paths.resolve("/app/", "./")).isEqualTo("/app");
    }

    @Test
    void parentAndBaseNameOfPathsNotYetClean() {
        assertThat(Paths.parent("/a/b/")).isEqualTo("/a");
        assertThat(Paths.parent("a//b/../c")).isEqualTo("/a");
        assertThat(Paths.parent("/a")).isEqualTo("/");
        assertThat(Paths.parent("/")).isEqualTo("/");
        assertThat(Paths.baseName("/a/b/")).isEqualTo("b");
        assertThat(Paths.baseName("a/b/..")).isEqualTo("a");
        assertThat(Paths.baseName("/")).isEqualTo("/");
        assertThat(Paths.baseName("/..")).isEqualTo("/");
    }
}
