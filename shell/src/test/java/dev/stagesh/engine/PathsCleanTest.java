package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths inside an image: Go's path.Clean from the root, resolved against the WORKDIR. */
class PathsCleanTest {
    @Test
    void cleanAndResolveAsWorkdirAndCopyDo() {
        assertThat(Paths.clean("a/./b//c/..")).isEqualTo("/a/b");
        assertThat(Paths.clean("/../..")).isEqualTo("/");
        assertThat(Paths.resolve("/app", "../etc/x")).isEqualTo("/etc/x");
        assertThat(Paths.resolve("", "bin")).isEqualTo("/bin");
        assertThat(Paths.parent("/a/b/")).isEqualTo("/a");
        assertThat(Paths.baseName("/a/b/")).isEqualTo("b");
        assertThat(Paths.baseName("/")).isEqualTo("/");
    }
}
