package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.stagesh.dockerfile.checks.Checks.error;
import static dev.stagesh.dockerfile.checks.Checks.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** The FROM rules, which read the global ARG scope; cases from BuildKit's check tests and the rule pages. */
class FromRulesTest {
    @Test
    void undefinedArgInFromSilentWhenDeclaredOrAutomatic() {
        assertThat(warnings("\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n")).isEmpty();
        assertThat(warnings("\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n")).isEmpty();
        assertThat(warnings("\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n")).isEmpty();
        assertThat(warnings("\nARG DEBUG\nFROM scratch${DEBUG}\nCOPY Dockerfile .\n")).isEmpty();
        assertThat(warnings("\nARG DEBUG\nFROM scra${DEBUG:-tch}\nCOPY Dockerfile .\n")).isEmpty();
        assertThat(warnings("\nARG DEBUG=\"\"\nFROM scratch${DEBUG-@bogus}\nCOPY Dockerfile .\n")).isEmpty();
    }

    @Test
    void undefinedArgInFrom() {
        String typo = "\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n";
        assertThat(warnings(typo)).containsExactly(
                "2 UndefinedArgInFrom: FROM argument 'BULIDPLATFORM' is not declared (did you mean BUILDPLATFORM?)");
        assertThat(error(typo)).isEqualTo(
                "empty platform value from expression $BULIDPLATFORM (did you mean BUILDPLATFORM?)");

        String arch = "\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n"
                + "COPY Dockerfile .\n";
        assertThat(warnings(arch)).containsExactly(
                "4 UndefinedArgInFrom: FROM argument 'MYARCH' is not declared (did you mean MY_ARCH?)");
        assertThat(error(arch)).isEqualTo("failed to parse platform linux/${MYARCH}: \"\" is an invalid component "
                + "of \"linux/\": platform specifier component must match \"^[A-Za-z0-9_.-]+$\": invalid argument "
                + "(did you mean MY_ARCH?)");

        assertThat(warnings("\nARG tag=latest\nFROM busybox:${tag}${version} AS b\nCOPY Dockerfile .\n"))
                .containsExactly("3 UndefinedArgInFrom: FROM argument 'version' is not declared");
    }

    @Test
    void redundantTargetPlatform() {
        assertThat(warnings("\nFROM --platform=$TARGETPLATFORM scratch\n")).containsExactly(
                "2 RedundantTargetPlatform: Setting platform to predefined $TARGETPLATFORM in FROM is redundant as "
                        + "this is the default behavior");
        assertThat(warnings("\nFROM --platform=${TARGETPLATFORM} scratch\n")).containsExactly(
                "2 RedundantTargetPlatform: Setting platform to predefined ${TARGETPLATFORM} in FROM is redundant "
                        + "as this is the default behavior");
        assertThat(warnings("\n# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n"))
                .isEmpty();
        // another variable in the value could have expanded to something: no finding
        assertThat(warnings("ARG V\nFROM --platform=$TARGETPLATFORM$V scratch\n")).isEmpty();
        assertThat(warnings("FROM --platform=$BUILDPLATFORM scratch\n")).isEmpty();
    }

    @Test
    void invalidDefaultArgInFrom() {
        assertThat(warnings("\nARG VERSION\nFROM busybox:$VERSION\n", Map.of("VERSION", "latest"))).containsExactly(
                "3 InvalidDefaultArgInFrom: Default value for ARG busybox:$VERSION results in empty or invalid base "
                        + "image name");
        assertThat(warnings("\nARG IMAGE\nFROM $IMAGE\n", Map.of("IMAGE", "busybox:latest"))).containsExactly(
                "3 InvalidDefaultArgInFrom: Default value for ARG $IMAGE results in empty or invalid base image name");
        assertThat(warnings("\nARG SFX=\"box:\"\nFROM busy${SFX}\n", Map.of("SFX", "box:latest"))).containsExactly(
                "3 InvalidDefaultArgInFrom: Default value for ARG busy${SFX} results in empty or invalid base image "
                        + "name");
        assertThat(warnings("\nARG VERSION=\"latest\"\nFROM busybox:${VERSION}\n", Map.of("VERSION", "latest")))
                .isEmpty();
        assertThat(warnings("\nARG BUSYBOX_VARIANT=\"\"\nFROM busybox:stable${BUSYBOX_VARIANT}\n",
                Map.of("BUSYBOX_VARIANT", "-musl"))).isEmpty();
        assertThat(warnings("\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t",
                Map.of("BUSYBOX_VARIANT", "-musl"))).isEmpty();
    }

    @Test
    void fromPlatformFlagConstDisallowed() {
        assertThat(warnings("\nFROM --platform=linux/amd64 scratch\n")).containsExactly(
                "2 FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value "
                        + "\"linux/amd64\"");
        assertThat(warnings("\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n")).isEmpty();
        assertThat(warnings("\nFROM --platform=linux/amd64 scratch AS linux\n")).isEmpty();
        assertThat(warnings("ARG P=linux/amd64\nFROM --platform=$P scratch\n")).isEmpty();
    }

    @Test
    void invalidBaseImagePlatform() {
        BaseImages arm = (ref, platform) -> ref.equals("registry/app:latest")
                ? Optional.of(new BaseImages.Image(new Platform("linux", "arm64", ""), List.of(), List.of()))
                : Optional.empty();
        CheckOptions options = CheckOptions.defaults().withImages(arm);
        assertThat(Checks.warnings("\nFROM registry/app:latest\nENV foo=bar\n\t", options)).containsExactly(
                "2 InvalidBaseImagePlatform: Base image registry/app:latest was pulled with platform \"linux/arm64\", "
                        + "expected \"linux/amd64\" for current build");
        // the platform asked for matches, or the image is not known: nothing to say
        assertThat(Checks.warnings("\nFROM --platform=linux/arm64 registry/app:latest AS arm64\n", options))
                .isEmpty();
        assertThat(Checks.warnings("\nFROM registry/other:latest\n", options)).isEmpty();
        assertThat(Checks.warnings("\nFROM registry/app:latest\n", CheckOptions.defaults())).isEmpty();
    }

    @Test
    void blankBaseNameStopsAfterTheDefaultArgFinding() {
        String file = "ARG BASE\nFROM $BASE\nRUN true\n";
        assertThat(warnings(file)).containsExactly(
                "2 InvalidDefaultArgInFrom: Default value for ARG $BASE results in empty or invalid base image name");
        assertThat(error(file)).isEqualTo("base name ($BASE) should not be blank");
    }
}
