package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.DockerfileSyntaxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BuildKit parser quirks the README lists, reproduced on purpose. */
class QuirksTest {
    private static String dump(String text) {
        return Dumper.dump(DockerfileParser.parse(text, "Dockerfile"));
    }

    @Test
    void threeBackslashesDoNotContinueTheLine() {
        assertThat(dump("RUN foo \\\\\\\nbar\n")).isEqualTo("(run \"foo \\\\\\\\\\\\\")\n(bar \"\")\n");
    }

    @Test
    void twoBackslashesDoNotContinueButOneDoes() {
        assertThat(dump("RUN a\\\\\nRUN b \\\n c\n")).isEqualTo("(run \"a\\\\\\\\\")\n(run \"b  c\")\n");
    }

    @Test
    void flagsAreLatin1Mojibake() {
        assertThat(DockerfileParser.parse("COPY --chown=été a b\n", "D").instructions().get(0).flags())
                .containsExactly("--chown=Ã©tÃ©");
    }

    @Test
    void loneBackslashLineGivesEmptyInstruction() {
        assertThat(dump("\\\n")).isEqualTo("(\"\")\n");
    }

    @Test
    void unknownInstructionKeepsOneEmptyArgument() {
        assertThat(dump("FOO bar baz\n")).isEqualTo("(foo \"\")\n");
    }

    @Test
    void emptyContinuationLinesWarn() {
        ParsedFile f = DockerfileParser.parse("RUN a \\\n\n  b\n", "D");
        assertThat(f.warnings()).containsExactly("Empty continuation line found in: RUN a   b");
    }

    @Test
    void directivesOnlyAtTheTop() {
        ParsedFile f = DockerfileParser.parse("# syntax=x\n# escape=`\nRUN a `\n b\n", "D");
        assertThat(f.escapeToken()).isEqualTo('`');
        assertThat(f.directives()).containsEntry("syntax", "x");
        assertThat(DockerfileParser.parse("\n# escape=`\nRUN a\n", "D").escapeToken()).isEqualTo('\\');
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=x\nRUN a\n", "D"))
                .hasMessage("invalid escape token 'x' does not match ` or \\");
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=\\\n# ESCAPE = `\nRUN a\n", "D"))
                .hasMessage("only one escape parser directive can be used");
    }

    @Test
    void jsonQuirks() {
        assertThat(dump("CMD [\"a\", \"b\"] trailing\n")).isEqualTo("(cmd \"[\\\"a\\\", \\\"b\\\"] trailing\")\n");
        assertThat(dump("CMD ['x']\n")).isEqualTo("(cmd \"['x']\")\n");
        assertThat(dump("CMD [\"\\ud800\"]\n")).isEqualTo("(cmd \"\uFFFD\")\n");
        assertThat(dump("CMD [1e999]\n")).isEqualTo("(cmd \"[1e999]\")\n");
        assertThatThrownBy(() -> dump("CMD [1]\n")).isInstanceOf(DockerfileSyntaxException.class);
        assertThat(dump("RUN [\"a\",\n")).isEqualTo("(run \"[\\\"a\\\",\")\n");
    }

    @Test
    void longLinesFailLikeBuildKit() {
        String ok = "RUN " + "x".repeat(65535 - 4) + "\n";
        assertThat(DockerfileParser.parse(ok, "D").instructions()).hasSize(1);
        String tooLong = "RUN a\nRUN " + "x".repeat(65536 - 4) + "\n";
        assertThatThrownBy(() -> DockerfileParser.parse(tooLong, "D"))
                .hasMessage("dockerfile line greater than max allowed size of 65535");
        assertThatThrownBy(() -> DockerfileParser.parse("x".repeat(70000), "D"))
                .hasMessage("file with no instructions");
    }

    @Test
    void byteOrderMarkIsRemoved() {
        assertThat(dump("\uFEFFFROM a\n")).isEqualTo("(from \"a\")\n");
    }
}
