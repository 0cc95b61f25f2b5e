package dev.stagesh.dockerfile.checks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stagesh.dockerfile.checks.Checks.error;
import static dev.stagesh.dockerfile.checks.Checks.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code # check=} and {@code BUILDKIT_DOCKERFILE_CHECK}, as BuildKit's testRuleCheckOption exercises them. */
class CheckConfigTest {
    private static final String FILE = "\nFROM scratch as base\ncopy Dockerfile .\n";

    @Test
    void skipAllAndSkipListed() {
        assertThat(warnings("#check=skip=all" + FILE)).isEmpty();
        assertThat(error("#check=skip=all;error=true" + FILE)).isNull();
        assertThat(warnings("#check=skip=ConsistentInstructionCasing,FromAsCasing" + FILE)).isEmpty();
        assertThat(error("#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true" + FILE)).isNull();
        assertThat(warnings("#check=skip=ConsistentInstructionCasing" + FILE))
                .containsExactly("2 FromAsCasing: 'as' and 'FROM' keywords' casing do not match");
    }

    @Test
    void errorTrueTurnsFindingsIntoABuildError() {
        CheckResult r = Checker.check("#check=skip=ConsistentInstructionCasing;error=true" + FILE, "Dockerfile",
                CheckOptions.defaults());
        assertThat(Checks.render(r)).containsExactly("2 FromAsCasing: 'as' and 'FROM' keywords' casing do not match");
        assertThat(r.buildError()).map(BuildError::message).contains("lint violation found for rules: FromAsCasing");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void buildArgReplacesTheDirective() {
        Map<String, String> arg = Map.of("BUILDKIT_DOCKERFILE_CHECK", "skip=ConsistentInstructionCasing;error=true");
        assertThat(warnings("#check=skip=all" + FILE, arg))
                .containsExactly("2 FromAsCasing: 'as' and 'FROM' keywords' casing do not match");
        assertThat(error("#check=skip=all" + FILE, CheckOptions.defaults().withBuildArgs(arg)))
                .isEqualTo("lint violation found for rules: FromAsCasing");
        CheckResult quiet = Checker.check("#check=error=true" + FILE, "Dockerfile",
                CheckOptions.defaults().withBuildArgs(Map.of("BUILDKIT_DOCKERFILE_CHECK", "skip=all")));
        assertThat(quiet.warnings()).isEmpty();
        assertThat(quiet.exitCode()).isZero();
    }

    @Test
    void badOptionsAreBuildErrors() {
        assertThat(error("# check=skip\nFROM scratch\n"))
                .isEqualTo("failed to parse check options: invalid check option \"skip\"");
        assertThat(error("# check=error=maybe\nFROM scratch\n")).isEqualTo("failed to parse check options: failed "
                + "to parse check option \"error=maybe\": strconv.ParseBool: parsing \"maybe\": invalid syntax");
        assertThatThrownBy(() -> CheckConfig.parse("bogus=1")).isInstanceOf(CheckConfig.InvalidOptionException.class)
                .hasMessage("invalid check option \"bogus\"");
    }

    @Test
    void parse() {
        CheckConfig c = CheckConfig.parse(" skip = A, B ; experimental=all;error=TRUE ");
        assertThat(c.skip()).containsExactlyInAnyOrder("A", "B");
        assertThat(c.experimentalAll()).isTrue();
        assertThat(c.error()).isTrue();
        assertThat(CheckConfig.parse("")).isEqualTo(CheckConfig.DEFAULT);
    }

    @Test
    void cleanFileExitsZero() {
        CheckResult r = Checker.check("FROM scratch\nCOPY a /a\n", "Dockerfile", CheckOptions.defaults());
        assertThat(r.warnings()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(Checker.check("", "Dockerfile", CheckOptions.defaults()).buildError())
                .map(BuildError::message).contains("the Dockerfile cannot be empty");
    }

    @Test
    void whereBuildKitStopsTheCheckStopsWithItsMessage() {
        assertThat(error("FROM busybox\nVOLUME $NOPE\n")).isEqualTo("VOLUME specified can not be an empty string");
        assertThat(error("FROM busybox\nSTOPSIGNAL BOGUS\n")).isEqualTo("invalid signal: BOGUS");
        assertThat(error("FROM busybox\nSTOPSIGNAL sigusr1\nSTOPSIGNAL 9\nSTOPSIGNAL RTMIN+3\n")).isNull();
        assertThat(error("FROM busybox\nCOPY --from=0 /x /y\n")).isEqualTo("circular dependency detected on stage: stage-0");
        assertThat(error("FROM busybox AS a\nCOPY --from=b /x /y\nFROM busybox AS b\nCOPY --from=a /x /y\n"))
                .isEqualTo("circular dependency detected on stage: a");
        assertThat(error("FROM busybox AS a\nCOPY --from=b /x /y\nFROM busybox AS b\n"))
                .isEqualTo("cannot copy from stage \"b\", it needs to be defined before current stage \"a\"");
        assertThat(error("FROM --platform=bogus/x/y/z busybox\n")).isEqualTo("failed to parse platform bogus/x/y/z: "
                + "\"bogus/x/y/z\": cannot parse platform specifier: invalid argument");
        assertThat(error("FROM BusyBox\n")).isEqualTo("failed to parse stage name \"BusyBox\": invalid reference "
                + "format: repository name (library/BusyBox) must be lowercase");
        // a --chmod whose variable is empty means no chmod, not an invalid one
        assertThat(error("FROM busybox\nCOPY --chmod=$MODE a /a\n")).isNull();
        assertThat(error("FROM busybox\nEXPOSE abc\n")).isEqualTo("invalid containerPort: abc");
        assertThat(error("FROM busybox\nENV A=\"${B:?must be set}\"\n"))
                .isEqualTo("failed to process \"\\\"${B:?must be set}\\\"\": B: must be set");
    }
}
