package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.GoPaths;
import org.junit.jupiter.api.Test;

/** FsPaths.normalize is Go's path.Clean from the root, with a fast path for what is clean already. */
class FsPathsCleanTest {
    @Test
    void normalizeIsGoPathCleanFromTheRoot() {
        String[] paths = {"/", "", ".", "..", "/a/b", "a/b", "/a//b/", "/a/./b/..", "../../x", "/a/../../b", "a/..",
            "/usr/local/", "//", "/.hidden/..x", "/a/b/../../.."};
        for (String p : paths) {
            assertThat(FsPaths.normalize(p)).as(p).isEqualTo(GoPaths.clean("/" + p));
        }
        assertThat(FsPaths.normalize("/a/./b/..")).isEqualTo("/a");
        assertThat(FsPaths.normalize("../../x")).isEqualTo("/x");
        assertThat(FsPaths.normalize("/usr/local/")).isEqualTo("/usr/local");
    }

    @Test
    void resolveIsAgainstADirectoryThenNormalized() {
        assertThat(FsPaths.resolve("/app", "src/../bin/")).isEqualTo("/app/bin");
        assertThat(FsPaths.resolve("/app", "/etc//x")).as("an absolute path ignores the directory").isEqualTo("/etc/x");
        assertThat(FsPaths.resolve("/app", "../../..")).isEqualTo("/");
        assertThat(FsPaths.resolve("", "x")).isEqualTo("/x");
        assertThat(FsPaths.resolve(null, ".")).isEqualTo("/");
        assertThat(FsPaths.resolve("rel/dir", "x")).as("a relative directory is taken from the root").isEqualTo("/rel/dir/x");
    }
}
