package dev.stagesh.dockerfile.shell;

import dev.stagesh.dockerfile.DockerfileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellLexTest {
    private static final Map<String, String> ENV = Map.of("V", "foo/bar/baz.tar.gz", "E", "", "S", "a  b",
            "P", "aXbXc");
    private final ShellLex lex = new ShellLex('\\');

    private String w(String word) {
        return lex.processWord(word, ENV::get);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "$V|foo/bar/baz.tar.gz",
            "${V}|foo/bar/baz.tar.gz",
            "${U:-def}|def",
            "${E:-def}|def",
            "${E-def}|~~",
            "${U-def}|def",
            "${V:+alt}|alt",
            "${E:+alt}|~~",
            "${E+alt}|alt",
            "${U+alt}|~~",
            "${V:?msg}|foo/bar/baz.tar.gz",
            "${E?msg}|~~",
            "${V#*/}|bar/baz.tar.gz",
            "${V##*/}|baz.tar.gz",
            "${V%.*}|foo/bar/baz.tar",
            "${V%%.*}|foo/bar/baz",
            "${V/bar/X}|foo/X/baz.tar.gz",
            "${P/X/-}|a-bXc",
            "${P//X/-}|a-b-c",
            "${P//X/}|abc",
            "${V#\\*}|foo/bar/baz.tar.gz",
            "${U#x}|~~",
            "${P/?/_}|_XbXc",
            "'$V'|$V",
            "\"$V\"|foo/bar/baz.tar.gz",
            "\\$V|$V",
            "a\\ b|a b",
            "${U:-${V%%/*}}|foo",
    })
    void expansionForms(String word, String expected) {
        assertThat(w(word)).isEqualTo(expected);
    }

    @Test
    void unsetWithQuestionMarkFailsWithMessage() {
        assertThatThrownBy(() -> w("${U:?must be set}")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("U: must be set");
        assertThatThrownBy(() -> w("${E:?}")).hasMessageContaining("E: is not allowed to be empty");
        assertThatThrownBy(() -> w("${U?}")).hasMessageContaining("U: is not allowed to be unset");
    }

    @Test
    void syntaxErrorsAreDockerfileExceptions() {
        for (String bad : List.of("${", "${V", "${}", "${V:=x}", "${V/x", "'open", "\"open", "${V#\\q}", "${P//X}")) {
            assertThatThrownBy(() -> w(bad)).as(bad).isInstanceOf(DockerfileException.class);
        }
    }

    @Test
    void wordsSplitOnUnquotedWhitespaceFromExpansions() {
        assertThat(lex.processWords("x${S}y \"${S}\"", ENV::get)).containsExactly("xa", "by", "a  b");
    }

    @Test
    void backtickEscapeToken() {
        ShellLex windows = new ShellLex('`');
        assertThat(windows.processWord("C:\\dir`$V", ENV::get)).isEqualTo("C:\\dir$V");
    }

    @Test
    void replaceAllUsesWholeMatchTemplate() {
        // BuildKit hands the replacement to Go's ReplaceAllString, where $0 is the match (only reachable via \$)
        assertThat(w("${P//X/[\\$0]}")).isEqualTo("a[\\X]b[\\X]c");
    }

    @Test
    void nullEnvironmentMeansNothingIsSet() {
        assertThat(lex.processWord("a${X:-b}", null)).isEqualTo("ab");
    }
}
