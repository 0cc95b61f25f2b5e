package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.parser.DockerfileParser;
import dev.stagesh.dockerfile.parser.Dumper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Documented deviations from BuildKit (see shell/dockerfile/DEVIATIONS.md); each test pins our chosen behaviour. */
class DeviationsTest {

    @Test
    void deviation_invalidUtf8BecomesReplacementCharacter() throws Exception {
        Path f = Files.createTempFile("df", "");
        try {
            Files.write(f, "RUN a\u0000".getBytes(StandardCharsets.UTF_8));
            Files.write(f, new byte[] {'R', 'U', 'N', ' ', 'a', (byte) 0xFF, '\n'});
            // BuildKit dumps "a\xff"; we decode to U+FFFD, which Go would print as is
            assertThat(Dumper.dump(DockerfileParser.parse(f))).isEqualTo("(run \"a\uFFFD\")\n");
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void deviation_healthcheckTypeSplitsOnlyOnAsciiWhitespace() {
        // BuildKit scans bytes and would split inside "à" (its second UTF-8 byte is 0xA0, a space to Go)
        assertThat(Dumper.dump(DockerfileParser.parse("HEALTHCHECK là x\n", "D")))
                .isEqualTo("(healthcheck \"là\" \"x\")\n");
    }

    @Test
    void deviation_fromMatchesStageNamesCaseInsensitively() {
        Dockerfile df = Dockerfile.parse("FROM a AS build\nFROM Build\n", "D");
        assertThat(new StageGraph(df).baseStage(df.stage("1"))).map(Stage::index).contains(0);
    }

    @Test
    void deviation_directiveErrorsReportTheirOwnLine() {
        // BuildKit attaches the previous line number to directive errors
        assertThatThrownBy(() -> DockerfileParser.parse("# escape=\\\n# escape=`\nRUN a\n", "D"))
                .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void deviation_overflowingHeredocFileDescriptorIsClamped() {
        var h = DockerfileParser.parse("RUN 99999999999999999999<<EOF\nx\nEOF\n", "D").instructions().get(0)
                .heredocs().get(0);
        assertThat(h.fileDescriptor()).isEqualTo(Integer.MAX_VALUE);
    }
}
