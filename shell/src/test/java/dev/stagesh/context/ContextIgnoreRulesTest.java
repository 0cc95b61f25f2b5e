package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.checks.CheckOptions;
import dev.stagesh.dockerfile.checks.Checker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CopyIgnoredFile over the shell's {@code .dockerignore} reader, with the cases of BuildKit's testCopyIgnoredFiles
 * and testCopyIgnoredFileContextRoot.
 */
class ContextIgnoreRulesTest {
    private static List<String> check(String dockerignore, String dockerfile) {
        CheckOptions options = CheckOptions.defaults()
                .withIgnoreRules(new ContextIgnoreRules(DockerIgnore.parse(dockerignore)));
        return Checker.check(dockerfile, "Dockerfile", options).warnings().stream()
                .filter(f -> f.rule().ruleName().equals("CopyIgnoredFile"))
                .map(f -> f.line() + " " + f.detail()).toList();
    }

    @Test
    void copyAndAddOfAnIgnoredFile() {
        assertThat(check("\nDockerfile\n", "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n")).containsExactly(
                "3 Attempting to Copy file \"Dockerfile\" that is excluded by .dockerignore",
                "4 Attempting to Add file \"Dockerfile\" that is excluded by .dockerignore");
        assertThat(check("\nDockerfile\n", "# check=skip=CopyIgnoredFile\n\nFROM scratch\nCOPY Dockerfile .\n"
                + "ADD Dockerfile /windy\n")).isEmpty();
    }

    @Test
    void notForOtherFilesStagesOrWhenExclusionsExist() {
        // the ignored name is the destination, and a COPY --from reads a stage, not the context
        assertThat(check("\nfoobar\n", "\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\n"
                + "FROM base\nCOPY --from=base /foobar /Dockerfile\n")).isEmpty();
        // with a ! pattern BuildKit does not try to work out what is excluded
        assertThat(check("\n**\n!Dockerfile\n", "\nFROM scratch\nCOPY ./Dockerfile .\n")).isEmpty();
        assertThat(check("\n**\n!Dockerfile\n", "\nFROM scratch\nCOPY . .\n\t")).isEmpty();
    }

    @Test
    void theContextRootOnlyWhenEverythingInItIsIgnored() {
        assertThat(check("\n.*\n", "\nFROM scratch\nCOPY . .\n")).isEmpty();
        assertThat(check("\n*\n", "\nFROM scratch\nCOPY . .\n"))
                .containsExactly("3 Attempting to Copy file \".\" that is excluded by .dockerignore");
    }

    @Test
    void aFileInsideAnIgnoredDirectory() {
        assertThat(check("build/\n", "FROM scratch\nCOPY build/out/app /app\nCOPY src /src\n"))
                .containsExactly("2 Attempting to Copy file \"build/out/app\" that is excluded by .dockerignore");
        ContextIgnoreRules rules = new ContextIgnoreRules(DockerIgnore.parse("a\n!a/keep\n"));
        assertThat(rules.hasExclusions()).isTrue();
        assertThat(rules.patterns()).containsExactly("a", "!a/keep");
        assertThat(new ContextIgnoreRules(DockerIgnore.parse("*.log\n")).matchesOrParentMatches("x.log")).isTrue();
    }
}
