package dev.stagesh.shell.syntax;

import static dev.stagesh.shell.syntax.Token.Kind.COMMENT;
import static dev.stagesh.shell.syntax.Token.Kind.FLAG;
import static dev.stagesh.shell.syntax.Token.Kind.KEYWORD;
import static dev.stagesh.shell.syntax.Token.Kind.PLAIN;
import static dev.stagesh.shell.syntax.Token.Kind.STRING;
import static dev.stagesh.shell.syntax.Token.Kind.UNKNOWN;
import static dev.stagesh.shell.syntax.Token.Kind.VARIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class CommandLexerTest {
    private final CommandLexer lexer = new CommandLexer(Set.of("ls", "next", "exec", "grep"));

    private static Token t(Token.Kind kind, String text) {
        return new Token(kind, text);
    }

    @Test
    void commandsOptionsStringsAndSeparators() {
        assertThat(lexer.tokens("ls --json /app; grep 'a b' /etc")).containsExactly(
                t(KEYWORD, "ls"), t(PLAIN, " "), t(FLAG, "--json"), t(PLAIN, " /app; "), t(KEYWORD, "grep"),
                t(PLAIN, " "), t(STRING, "'a b'"), t(PLAIN, " /etc"));
    }

    @Test
    void anUnknownCommandIsMarkedOnceItIsTyped() {
        assertThat(lexer.tokens("nxt 2")).containsExactly(t(UNKNOWN, "nxt"), t(PLAIN, " 2"));
        assertThat(lexer.tokens("nex")).containsExactly(t(KEYWORD, "nex"));
    }

    @Test
    void variablesAndComments() {
        assertThat(lexer.tokens("exec echo $HOME")).containsExactly(t(KEYWORD, "exec"), t(PLAIN, " echo "),
                t(VARIABLE, "$HOME"));
        assertThat(lexer.tokens("  # note")).containsExactly(t(COMMENT, "  # note"));
    }

    @Test
    void aHashAtTheStartOfAWordCommentsOutTheRestAsTheSplitterReadsIt() {
        assertThat(lexer.tokens("ls /app # note; ls")).containsExactly(t(KEYWORD, "ls"), t(PLAIN, " /app "),
                t(COMMENT, "# note; ls"));
        assertThat(lexer.tokens("ls a#b")).containsExactly(t(KEYWORD, "ls"), t(PLAIN, " a#b"));
    }

    @Test
    void theHighlighterStylesSpansWithColourAndNothingWithout() {
        InputHighlighter on = new InputHighlighter(lexer, new Palette(true));
        AttributedString s = on.highlight(null, "ls -l");
        assertThat(s.toString()).isEqualTo("ls -l");
        assertThat(s.styleAt(0)).isEqualTo(Palette.style(KEYWORD));
        assertThat(s.styleAt(3)).isEqualTo(Palette.style(FLAG));
        assertThat(s.toAnsi()).contains("\u001b[");

        AttributedString plain = new InputHighlighter(lexer, new Palette(false)).highlight(null, "ls -l");
        assertThat(plain.styleAt(0)).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(plain.toAnsi()).isEqualTo("ls -l");
    }
}
