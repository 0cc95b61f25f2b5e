package dev.stagesh.shell.syntax;

import static dev.stagesh.shell.syntax.Token.Kind.COMMENT;
import static dev.stagesh.shell.syntax.Token.Kind.FLAG;
import static dev.stagesh.shell.syntax.Token.Kind.HEREDOC_BODY;
import static dev.stagesh.shell.syntax.Token.Kind.HEREDOC_DELIMITER;
import static dev.stagesh.shell.syntax.Token.Kind.KEYWORD;
import static dev.stagesh.shell.syntax.Token.Kind.PLAIN;
import static dev.stagesh.shell.syntax.Token.Kind.STRING;
import static dev.stagesh.shell.syntax.Token.Kind.VARIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileLexerTest {

    private static Token t(Token.Kind kind, String text) {
        return new Token(kind, text);
    }

    @Test
    void keywordFlagsAndArguments() {
        assertThat(DockerfileLexer.instruction("COPY --from=build --chmod=755 /src/app /app")).containsExactly(
                t(KEYWORD, "COPY"), t(PLAIN, " "), t(FLAG, "--from=build"), t(PLAIN, " "), t(FLAG, "--chmod=755"),
                t(PLAIN, " /src/app /app"));
    }

    @Test
    void aDoubleDashAfterTheFirstArgumentIsNoFlag() {
        assertThat(DockerfileLexer.instruction("RUN ls --all")).containsExactly(
                t(KEYWORD, "RUN"), t(PLAIN, " ls --all"));
    }

    @Test
    void variablesInsideDoubleQuotesButNotSingleQuotes() {
        assertThat(DockerfileLexer.instruction("RUN echo \"v=$VERSION ${A:-b}\" '$NOT' $HOME")).containsExactly(
                t(KEYWORD, "RUN"), t(PLAIN, " echo "), t(STRING, "\"v="), t(VARIABLE, "$VERSION"), t(STRING, " "),
                t(VARIABLE, "${A:-b}"), t(STRING, "\""), t(PLAIN, " "), t(STRING, "'$NOT'"), t(PLAIN, " "),
                t(VARIABLE, "$HOME"));
    }

    @Test
    void jsonFormIsStrings() {
        assertThat(DockerfileLexer.instruction("CMD [\"cat\", \"/etc/release\"]")).containsExactly(
                t(KEYWORD, "CMD"), t(PLAIN, " ["), t(STRING, "\"cat\""), t(PLAIN, ", "), t(STRING, "\"/etc/release\""),
                t(PLAIN, "]"));
    }

    @Test
    void onbuildTriggerHasItsOwnKeywordAndFlags() {
        assertThat(DockerfileLexer.instruction("ONBUILD COPY --chown=1 a b")).containsExactly(
                t(KEYWORD, "ONBUILD"), t(PLAIN, " "), t(KEYWORD, "COPY"), t(PLAIN, " "), t(FLAG, "--chown=1"),
                t(PLAIN, " a b"));
    }

    @Test
    void aShellCommentInARun() {
        assertThat(DockerfileLexer.instruction("RUN make # builds it; a#b")).containsExactly(
                t(KEYWORD, "RUN"), t(PLAIN, " make "), t(COMMENT, "# builds it; a#b"));
        assertThat(DockerfileLexer.instruction("COPY a#b /c")).containsExactly(t(KEYWORD, "COPY"), t(PLAIN, " a#b /c"));
    }

    @Test
    void continuationLinesKeepTheirStateAndCommentLinesInside() {
        List<List<Token>> lines = DockerfileLexer.instruction(List.of(
                "RUN --mount=type=cache,target=/root/.cache \\",
                "    # install",
                "    apt-get install -y \"$PKG\""), '\\');
        assertThat(lines.get(0)).containsExactly(t(KEYWORD, "RUN"), t(PLAIN, " "),
                t(FLAG, "--mount=type=cache,target=/root/.cache"), t(PLAIN, " \\"));
        assertThat(lines.get(1)).containsExactly(t(COMMENT, "    # install"));
        assertThat(lines.get(2)).containsExactly(t(PLAIN, "    apt-get install -y "), t(STRING, "\""),
                t(VARIABLE, "$PKG"), t(STRING, "\""));
    }

    @Test
    void heredocMarkersBodiesAndTerminators() {
        List<List<Token>> lines = DockerfileLexer.instruction(List.of(
                "RUN <<EOF cat > /x && cat <<-'RAW'",
                "echo $HOME",
                "EOF",
                "\t$kept literally",
                "\tRAW"), '\\');
        assertThat(lines.get(0)).containsExactly(t(KEYWORD, "RUN"), t(PLAIN, " "), t(HEREDOC_DELIMITER, "<<EOF"),
                t(PLAIN, " cat > /x && cat "), t(HEREDOC_DELIMITER, "<<-'RAW'"));
        assertThat(lines.get(1)).containsExactly(t(HEREDOC_BODY, "echo "), t(VARIABLE, "$HOME"));
        assertThat(lines.get(2)).containsExactly(t(HEREDOC_DELIMITER, "EOF"));
        assertThat(lines.get(3)).containsExactly(t(HEREDOC_BODY, "\t$kept literally"));
        assertThat(lines.get(4)).containsExactly(t(HEREDOC_DELIMITER, "\tRAW"));
    }

    @Test
    void theBacktickEscapeDirective() {
        List<List<Token>> lines = DockerfileLexer.instruction(List.of("RUN dir c:\\ `", "  && echo `$x"), '`');
        assertThat(lines.get(0)).containsExactly(t(KEYWORD, "RUN"), t(PLAIN, " dir c:\\ `"));
        assertThat(lines.get(1)).containsExactly(t(PLAIN, "  && echo `$x"));
    }

    @Test
    void everyCharacterIsKept() {
        String line = "ENV A=\"x y\" B=${A}z C='unclosed";
        String joined = String.join("", DockerfileLexer.instruction(line).stream().map(Token::text).toList());
        assertThat(joined).isEqualTo(line);
    }
}
