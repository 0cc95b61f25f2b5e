package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Go filepath.Match semantics, as documented for COPY wildcards. */
class GoGlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = ' ', value = {
        "abc abc true",
        "* abc true",
        "*c abc true",
        "a* a true",
        "a* ab/c false",
        "a*/b a/b true",
        "a*/b abc/b true",
        "a*/b a/c/b false",
        "a*b*c*d*e*/f axbxcxdxe/f true",
        "a*b?c*x abxbbxdbxebxczzx true",
        "ab[c] abc true",
        "ab[b-d] abc true",
        "ab[e-g] abc false",
        "ab[^c] abc false",
        "ab[^e-g] abc true",
        "a\\*b a*b true",
        "a\\*b ab false",
        "a?b a☺b true",
        "a[^a]b a☺b true",
        "a?b a/b false",
        "[\\]a] ] true",
        "[\\-] - true",
        "[x\\-] z false",
        "*x xxx true",
    })
    void matches(String pattern, String name, boolean expected) {
        assertThat(GoGlob.match(pattern, name)).isEqualTo(expected);
    }

    @Test
    void badPatterns() {
        for (String bad : new String[] {"[", "[^", "[^bc", "a[", "[]", "[-]", "[x-]", "[a-b-c]", "\\", "a\\"}) {
            assertThatThrownBy(() -> GoGlob.validate(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void metaDetection() {
        assertThat(GoGlob.hasMeta("a/b.txt")).isFalse();
        assertThat(GoGlob.hasMeta("*.txt")).isTrue();
        assertThat(GoGlob.hasMeta("a[bc]")).isTrue();
    }
}
