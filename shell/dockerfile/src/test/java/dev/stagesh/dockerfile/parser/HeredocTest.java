package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileSyntaxException;
import dev.stagesh.dockerfile.instructions.Instruction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeredocTest {
    private static Node node(String text, int index) {
        return DockerfileParser.parse(text, "Dockerfile").instructions().get(index);
    }

    @Test
    void plainHeredocIsRawAndExpands() {
        Node n = node("FROM a\nRUN <<EOF\n# not a comment \\\n  echo $HOME\nEOF\nRUN next\n", 1);
        assertThat(n.heredocs()).containsExactly(new Heredoc("EOF", "# not a comment \\\n  echo $HOME\n", true,
                false, 0));
        assertThat(n.startLine()).isEqualTo(2);
        assertThat(n.endLine()).isEqualTo(5);
        assertThat(n.args()).containsExactly("<<EOF");
    }

    @Test
    void chompedHeredocKeepsTabsInContentButMatchesTabbedTerminator() {
        Node n = node("FROM a\nRUN <<-EOT\n\tone\n\t\ttwo\n\tEOT\n", 1);
        Heredoc h = n.heredocs().get(0);
        assertThat(h.chomp()).isTrue();
        assertThat(h.content()).isEqualTo("\tone\n\t\ttwo\n");
        assertThat(h.chompedContent()).isEqualTo("one\ntwo\n");
    }

    @Test
    void quotedDelimitersDisableExpansion() {
        assertThat(node("FROM a\nRUN <<'EOF'\nx\nEOF\n", 1).heredocs().get(0).expand()).isFalse();
        assertThat(node("FROM a\nRUN <<\"EOF\"\nx\nEOF\n", 1).heredocs().get(0).expand()).isFalse();
        assertThat(node("FROM a\nRUN <<E'O'F\nx\nEOF\n", 1).heredocs().get(0))
                .satisfies(h -> assertThat(h.name()).isEqualTo("EOF")).satisfies(h -> assertThat(h.expand()).isFalse());
    }

    @Test
    void severalHeredocsAndFileDescriptors() {
        Node n = node("FROM a\nCOPY <<A <<B 3<<C /dst/\na\nA\nb\nB\nc\nC\nRUN after\n", 1);
        assertThat(n.heredocs()).extracting(Heredoc::name, Heredoc::content, Heredoc::fileDescriptor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "a\n", 0),
                        org.assertj.core.groups.Tuple.tuple("B", "b\n", 0),
                        org.assertj.core.groups.Tuple.tuple("C", "c\n", 3));
        assertThat(n.endLine()).isEqualTo(8);
        Dockerfile df = Dockerfile.parse("FROM a\nCOPY <<A <<B /dst/\na\nA\nb\nB\n", "D");
        var copy = (Instruction.Copy) df.stage("0").instructions().get(0);
        assertThat(copy.heredocSource("<<B")).map(Heredoc::content).contains("b\n");
    }

    @Test
    void runStdinFormWithCommand() {
        Node n = node("FROM a\nRUN python3 <<EOF > /out\nprint(1)\nEOF\n", 1);
        assertThat(n.args()).containsExactly("python3 <<EOF > /out");
        assertThat(n.heredocs()).extracting(Heredoc::content).containsExactly("print(1)\n");
    }

    @Test
    void execFormAndOtherInstructionsOpenNoHeredoc() {
        Node n = node("FROM a\nRUN [\"cat\", \"<<EOF\"]\nRUN next\n", 1);
        assertThat(n.heredocs()).isEmpty();
        assertThat(node("FROM a\nENV X=<<EOF\nRUN y\n", 2).name()).isEqualTo("RUN");
    }

    @Test
    void onbuildCarriesTheHeredoc() {
        Node n = node("FROM a\nONBUILD RUN <<EOF\nx\nEOF\n", 1);
        assertThat(n.heredocs()).extracting(Heredoc::content).containsExactly("x\n");
        Dockerfile df = Dockerfile.parse("FROM a\nONBUILD RUN <<EOF\nx\nEOF\n", "D");
        assertThat(((Instruction.Onbuild) df.stage("0").instructions().get(0)).triggerText())
                .isEqualTo("RUN <<EOF\nx\nEOF");
    }

    @Test
    void unterminatedHeredocFails() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nRUN <<EOF\nx\n", "Dockerfile"))
                .isInstanceOf(DockerfileSyntaxException.class).hasMessage("unterminated heredoc");
    }

    @Test
    void heredocWordParsing() {
        assertThat(DockerfileParser.heredocWord("<<EOF")).isNotNull();
        assertThat(DockerfileParser.heredocWord("cat<<EOF")).isNull();
        assertThat(DockerfileParser.heredocWord("<<")).isNull();
        assertThat(List.of(DockerfileParser.heredocWord("<<-\"x y\""))).extracting(Heredoc::name).containsExactly("x y");
    }
}
