package dev.stagesh.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GoPaths.clean is Go's path.Clean: the cases of Go's own path_test.go, and the ones stagesh relies on. */
class GoPathsTest {
    /** {input, what Go's path.Clean returns}. */
    private static final String[][] GO_CASES = {
        // already clean
        {"", "."}, {"abc", "abc"}, {"abc/def", "abc/def"}, {"a/b/c", "a/b/c"}, {".", "."}, {"..", ".."},
        {"../..", "../.."}, {"../../abc", "../../abc"}, {"/abc", "/abc"}, {"/", "/"},
        // trailing slash
        {"abc/", "abc"}, {"abc/def/", "abc/def"}, {"a/b/c/", "a/b/c"}, {"./", "."}, {"../", ".."},
        {"../../", "../.."}, {"/abc/", "/abc"},
        // doubled slashes
        {"abc//def//ghi", "abc/def/ghi"}, {"//abc", "/abc"}, {"///abc", "/abc"}, {"//abc//", "/abc"},
        {"abc//", "abc"}, {"//", "/"},
        // "." elements
        {"abc/./def", "abc/def"}, {"/./abc/def", "/abc/def"}, {"abc/.", "abc"}, {"/.", "/"},
        // ".." elements
        {"abc/def/ghi/../jkl", "abc/def/jkl"}, {"abc/def/../ghi/../jkl", "abc/jkl"}, {"abc/def/..", "abc"},
        {"abc/def/../..", "."}, {"/abc/def/../..", "/"}, {"abc/def/../../..", ".."}, {"/abc/def/../../..", "/"},
        {"abc/def/../../../ghi/jkl/../../../mno", "../../mno"}, {"/..", "/"}, {"/../..", "/"}, {"/../x", "/x"},
        // combinations
        {"abc/./../def", "def"}, {"abc//./../def", "def"}, {"abc/../../././../def", "../../def"},
        {"a//b/./../c", "a/c"},
        // names made of dots are names
        {"...", "..."}, {"..a/b", "..a/b"}, {"a/.../..", "a"}, {"/.hidden/..x", "/.hidden/..x"},
    };

    @Test
    void cleansAsGoPathCleanDoes() {
        for (String[] c : GO_CASES) {
            assertThat(GoPaths.clean(c[0])).as("path.Clean(%s)", quoted(c[0])).isEqualTo(c[1]);
        }
    }

    @Test
    void cleaningIsIdempotent() {
        // Go's test checks Clean(Clean(p)) == Clean(p): what comes out is its own clean form
        for (String[] c : GO_CASES) {
            assertThat(GoPaths.clean(c[1])).as("path.Clean(%s)", quoted(c[1])).isEqualTo(c[1]);
        }
    }

    @Test
    void keepsBackslashesAndSpaces() {
        // path.Clean is slash-only: a backslash is part of a name, as are spaces
        assertThat(GoPaths.clean("a\\b/../c")).isEqualTo("c");
        assertThat(GoPaths.clean("a\\..\\b")).isEqualTo("a\\..\\b");
        assertThat(GoPaths.clean(" a / b /")).isEqualTo(" a / b ");
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
