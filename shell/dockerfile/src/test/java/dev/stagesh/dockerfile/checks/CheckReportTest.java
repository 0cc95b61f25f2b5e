package dev.stagesh.dockerfile.checks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text of {@code docker build --check}: the expected output is what Docker 28.5's buildx printed for the same
 * file (multi-line instructions, excerpts at the end of the file).
 */
class CheckReportTest {
    private static final String FILE = "FROM busybox\nENV A b \\\n  c=d\nRUN true\nRUN true\nRUN true\nLABEL x y\n"
            + "CMD echo \\\n  hi\n";

    @Test
    void textIsWhatDockerBuildCheckPrints() {
        CheckResult r = Checker.check(FILE, "Dockerfile", CheckOptions.defaults());
        assertThat(CheckReport.text(r, "Dockerfile", FILE)).isEqualTo("Check complete, 3 warnings have been found!" + "\n"
                + "" + "\n"
                + "WARNING: LegacyKeyValueFormat - https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/" + "\n"
                + "\"ENV key=value\" should be used instead of legacy \"ENV key value\" format" + "\n"
                + "Dockerfile:2" + "\n"
                + "--------------------" + "\n"
                + "   1 |     FROM busybox" + "\n"
                + "   2 | >>> ENV A b \\" + "\n"
                + "   3 | >>>   c=d" + "\n"
                + "   4 |     RUN true" + "\n"
                + "--------------------" + "\n"
                + "" + "\n"
                + "WARNING: LegacyKeyValueFormat - https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/" + "\n"
                + "\"LABEL key=value\" should be used instead of legacy \"LABEL key value\" format" + "\n"
                + "Dockerfile:7" + "\n"
                + "--------------------" + "\n"
                + "   5 |     RUN true" + "\n"
                + "   6 |     RUN true" + "\n"
                + "   7 | >>> LABEL x y" + "\n"
                + "   8 |     CMD echo \\" + "\n"
                + "   9 |       hi" + "\n"
                + "--------------------" + "\n"
                + "" + "\n"
                + "WARNING: JSONArgsRecommended - https://docs.docker.com/go/dockerfile/rule/json-args-recommended/" + "\n"
                + "JSON arguments recommended for CMD to prevent unintended behavior related to OS signals" + "\n"
                + "Dockerfile:8" + "\n"
                + "--------------------" + "\n"
                + "   7 |     LABEL x y" + "\n"
                + "   8 | >>> CMD echo \\" + "\n"
                + "   9 | >>>   hi" + "\n"
                + "  10 |     " + "\n"
                + "--------------------" + "\n");
        assertThat(CheckReport.errorText(r, "Dockerfile", FILE)).isEmpty();
    }

    @Test
    void anErrorComesWithItsExcerptAndAfterABlankLine() {
        String file = "FROM busybox AS A\nARG B\nFROM $B\n";
        CheckResult r = Checker.check(file, "Dockerfile", CheckOptions.defaults());
        assertThat(CheckReport.text(r, "Dockerfile", file)).startsWith("Check complete, 3 warnings have been found!\n")
                .endsWith("--------------------\n\n");
        assertThat(CheckReport.errorText(r, "Dockerfile", file)).isEqualTo("ERROR: base name ($B) should not be blank\n"
                + "Dockerfile:3\n--------------------\n   1 |     FROM busybox AS A\n   2 |     ARG B\n"
                + "   3 | >>> FROM $B\n   4 |     \n--------------------\n");
    }

    @Test
    void noWarnings() {
        CheckResult r = Checker.check("FROM busybox\n", "Dockerfile", CheckOptions.defaults());
        assertThat(CheckReport.text(r, "Dockerfile", "FROM busybox\n")).isEqualTo("Check complete, no warnings found.\n");
        assertThat(CheckReport.json(r, "Dockerfile", "FROM busybox\n")).contains("\"warnings\": null")
                .doesNotContain("buildError");
    }
}
