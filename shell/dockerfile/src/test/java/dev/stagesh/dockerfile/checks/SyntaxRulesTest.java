package dev.stagesh.dockerfile.checks;

import org.junit.jupiter.api.Test;

import static dev.stagesh.dockerfile.checks.Checks.error;
import static dev.stagesh.dockerfile.checks.Checks.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of the syntax tree alone; cases from BuildKit's {@code dockerfile_check_test.go} and the rule pages. */
class SyntaxRulesTest {
    @Test
    void stageNameCasing() {
        assertThat(warnings("\n# warning: stage name should be lowercase\n#\nFROM scratch AS BadStageName\n\n"
                + "FROM scratch AS base3\n"))
                .containsExactly("4 StageNameCasing: Stage name 'BadStageName' should be lowercase");
        assertThat(warnings("FROM scratch AS base\n")).isEmpty();
    }

    @Test
    void fromAsCasing() {
        assertThat(warnings("\nFROM scratch as base2\nFROM scratch AS base3\n"))
                .containsExactly("2 FromAsCasing: 'as' and 'FROM' keywords' casing do not match");
        assertThat(warnings("\n#\nfrom scratch AS base\n\nfrom scratch as base2\n"))
                .containsExactly("3 FromAsCasing: 'AS' and 'from' keywords' casing do not match");
        // a mixed-case FROM is ConsistentInstructionCasing's finding, not this rule's
        assertThat(warnings("From scratch as base\nFROM scratch AS base2\n")).noneMatch(w -> w.contains("FromAs"));
    }

    @Test
    void noEmptyContinuation() {
        assertThat(warnings("\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\n"
                + "COPY Dockerfile \\\n.\n")).containsExactly("6 NoEmptyContinuation: Empty continuation line");
        assertThat(warnings("FROM scratch\nCOPY Dockerfile \\\n# a comment is no empty line\n.\n")).isEmpty();
    }

    @Test
    void consistentInstructionCasing() {
        assertThat(warnings("\n#\n#\nFrom scratch as base\nFROM scratch AS base2\n")).containsExactly(
                "4 ConsistentInstructionCasing: Command 'From' should match the case of the command majority "
                        + "(uppercase)");
        assertThat(warnings("\nFROM scratch\n#\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n")).containsExactly(
                "4 ConsistentInstructionCasing: Command 'copy' should match the case of the command majority "
                        + "(uppercase)");
        assertThat(warnings("\n#\n#\nfrOM scratch as base\nfrom scratch as base2\n")).containsExactly(
                "4 ConsistentInstructionCasing: Command 'frOM' should match the case of the command majority "
                        + "(lowercase)");
        assertThat(warnings("\nfrom scratch\n#\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n")).containsExactly(
                "4 ConsistentInstructionCasing: Command 'COPY' should match the case of the command majority "
                        + "(lowercase)");
        assertThat(warnings("\n#\n#\nFROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n"
                + "copy Dockerfile /baz\n")).containsExactly("4 ConsistentInstructionCasing: Command 'FROM' should "
                + "match the case of the command majority (lowercase)");
        assertThat(warnings("\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n")).isEmpty();
        assertThat(warnings("\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n")).isEmpty();
        // a heredoc body is no instruction
        assertThat(warnings("\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n")).isEmpty();
    }

    @Test
    void duplicateStageName() {
        assertThat(warnings("\nFROM scratch AS b\nFROM scratch AS b\n"))
                .containsExactly("3 DuplicateStageName: Duplicate stage name \"b\", stage names should be unique");
        assertThat(warnings("\nFROM scratch AS b1\nFROM scratch AS b2\n")).isEmpty();
    }

    @Test
    void reservedStageName() {
        assertThat(warnings("\nFROM scratch AS scratch\nFROM scratch AS context\n")).containsExactly(
                "2 ReservedStageName: Stage name should not use the same name as reserved stage \"scratch\"",
                "3 ReservedStageName: Stage name should not use the same name as reserved stage \"context\"");
        assertThat(warnings("\nFROM scratch\nFROM scratch AS a\n")).isEmpty();
    }

    @Test
    void maintainerDeprecated() {
        assertThat(warnings("\nFROM scratch\nMAINTAINER me@example.org\n"))
                .containsExactly("3 MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label");
        assertThat(warnings("\nFROM scratch\nLABEL org.opencontainers.image.authors=\"me@example.org\"\n")).isEmpty();
        assertThat(warnings("\nFROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER me@example.org\n"))
                .isEmpty();
    }

    @Test
    void invalidDefinitionDescriptionIsExperimental() {
        String file = "# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n"
                + "# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\n"
                + "ARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n";
        assertThat(warnings(file)).containsExactly(
                "3 InvalidDefinitionDescription: Comment for ARG should follow the format: `# foo <description>`",
                "5 InvalidDefinitionDescription: Comment for FROM should follow the format: `# base <description>`",
                "7 InvalidDefinitionDescription: Comment for ARG should follow the format: `# version <description>`",
                "9 InvalidDefinitionDescription: Comment for ARG should follow the format: "
                        + "`# <arg_key> <description>`");
        // without the experimental switch the same file says nothing
        assertThat(warnings(file.substring(file.indexOf('\n') + 1))).isEmpty();
        // well-formed descriptions, a blank comment that cuts the description off, and skip=all (which does not
        // reach experimental rules)
        assertThat(warnings("# check=skip=all;experimental=InvalidDefinitionDescription\n# foo this is the foo\n"
                + "ARG foo=bar\n\n# base this is the base image\nFROM scratch AS base\n\n"
                + "# version this is the version number\nARG version=latest\n\n# baz this is the baz\n"
                + "ARG foo=baz bar=qux baz=quux\n#\nARG bit=bat\n\n# comment for something other than ARG or FROM\n"
                + "COPY Dockerfile .\n")).isEmpty();
    }

    @Test
    void warningsBeforeAParseErrorAreKept() {
        String file = "\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n";
        assertThat(warnings(file)).containsExactly(
                "2 StageNameCasing: Stage name 'BadStageName' should be lowercase",
                "3 MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label");
        assertThat(error(file)).startsWith("dockerfile parse error on line 4: unknown instruction: BADCMD");
    }
}
