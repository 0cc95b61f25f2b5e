package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    private static boolean m(String glob, String name) {
        return new Glob(glob).matches(name);
    }

    @Test
    void starAndQuestionMark() {
        assertThat(m("*.so", "libc.so")).isTrue();
        assertThat(m("*.so", "libc.so.6")).isFalse();
        assertThat(m("*.so*", "libc.so.6")).isTrue();
        assertThat(m("*", ".hidden")).isTrue(); // find does not treat a leading dot specially
        assertThat(m("lib?.a", "libz.a")).isTrue();
        assertThat(m("lib?.a", "lib.a")).isFalse();
        assertThat(m("*a*b*c", "xxaxxbxxbxc")).isTrue();
        assertThat(m("", "")).isTrue();
        assertThat(m("***", "")).isTrue();
    }

    @Test
    void bracketSets() {
        assertThat(m("[abc]x", "bx")).isTrue();
        assertThat(m("[!abc]x", "bx")).isFalse();
        assertThat(m("[^abc]x", "dx")).isTrue();
        assertThat(m("file[0-9]", "file7")).isTrue();
        assertThat(m("file[0-9]", "filex")).isFalse();
        assertThat(m("[]]", "]")).isTrue();
        assertThat(m("[!]]", "a")).isTrue();
        assertThat(m("[[:digit:]][[:upper:]]", "7Q")).isTrue();
        assertThat(m("[a-]", "-")).isTrue();
        assertThat(m("[", "[")).isTrue(); // unclosed: literal
    }

    @Test
    void backslashQuotes() {
        assertThat(m("\\*", "*")).isTrue();
        assertThat(m("\\*", "x")).isFalse();
        assertThat(m("a\\?", "a?")).isTrue();
    }
}
