package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a typed line becomes commands and words: POSIX shell quoting and comments. */
class CommandSplitterTest {
    @Test
    void aHashAtTheStartOfAWordBeginsAComment() {
        assertThat(CommandSplitter.split("ls /app # note")).containsExactly(List.of("ls", "/app"));
        assertThat(CommandSplitter.split("next 2; cat /a;# the rest; ls")).containsExactly(List.of("next", "2"), List.of("cat", "/a"));
        assertThat(CommandSplitter.split("# only a comment")).isEmpty();
    }

    @Test
    void aHashInsideAWordOrQuotedIsKept() {
        assertThat(CommandSplitter.split("grep a#b /f '#x' \"#y\" \\#z")).containsExactly(List.of("grep", "a#b", "/f", "#x", "#y", "#z"));
    }

    @Test
    void insideDoubleQuotesABackslashEscapesOnlyDollarBacktickQuoteBackslashAndNewline() {
        assertThat(CommandSplitter.split("exec sh -c \"echo \\$FOO\"")).containsExactly(List.of("exec", "sh", "-c", "echo $FOO"));
        assertThat(CommandSplitter.split("x \"a\\`b\\\"c\\\\d\"")).containsExactly(List.of("x", "a`b\"c\\d"));
        assertThat(CommandSplitter.split("x \"a\\nb\\tc\"")).containsExactly(List.of("x", "a\\nb\\tc"));
        assertThat(CommandSplitter.split("x \"a\\\nb\"")).containsExactly(List.of("x", "ab"));
    }

    @Test
    void outsideQuotesABackslashEscapesAnythingAndSingleQuotesAreLiteral() {
        assertThat(CommandSplitter.split("x a\\ b \\$HOME 'c\\$d'")).containsExactly(List.of("x", "a b", "$HOME", "c\\$d"));
    }

    @Test
    void anUnclosedQuoteNamesItsColumn() {
        assertThatThrownBy(() -> CommandSplitter.split("cat \"/etc")).hasMessage("unclosed \" at column 5");
    }
}
