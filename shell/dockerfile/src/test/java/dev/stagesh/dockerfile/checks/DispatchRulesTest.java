package dev.stagesh.dockerfile.checks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stagesh.dockerfile.checks.Checks.error;
import static dev.stagesh.dockerfile.checks.Checks.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules BuildKit runs while dispatching instructions; cases from its check tests and the rule pages. */
class DispatchRulesTest {
    @Test
    void jsonArgsRecommended() {
        assertThat(warnings("\nFROM scratch\nCMD mycommand\n")).containsExactly("3 JSONArgsRecommended: JSON "
                + "arguments recommended for CMD to prevent unintended behavior related to OS signals");
        assertThat(warnings("\nFROM scratch\nENTRYPOINT mycommand\n")).containsExactly("3 JSONArgsRecommended: JSON "
                + "arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals");
        assertThat(warnings("\nFROM scratch\nSHELL [\"/usr/bin/customshell\"]\nCMD mycommand\n")).isEmpty();
        assertThat(warnings("\nFROM scratch\nSHELL [\"/usr/bin/customshell\"]\nENTRYPOINT mycommand\n")).isEmpty();
        // a SHELL of the base stage counts
        assertThat(warnings("\nFROM scratch AS base\nSHELL [\"/usr/bin/customshell\"]\n\nFROM base\n"
                + "CMD mycommand\n")).isEmpty();
        assertThat(warnings("\nFROM scratch\n# check=skip=JSONArgsRecommended\nCMD mycommand\n")).isEmpty();
        assertThat(warnings("\nFROM scratch\nCMD [\"mycommand\"]\n")).isEmpty();
    }

    @Test
    void workdirRelativePath() {
        assertThat(warnings("\nFROM scratch\nWORKDIR app/\n")).containsExactly("3 WorkdirRelativePath: Relative "
                + "workdir \"app/\" can have unexpected results if the base image changes");
        // the base stage set an absolute one; only the first WORKDIR is looked at
        assertThat(warnings("\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n")).isEmpty();
        assertThat(warnings("FROM scratch\nWORKDIR /app\nWORKDIR sub\n")).isEmpty();
        assertThat(warnings("\nFROM scratch\n# check=skip=WorkdirRelativePath\nWORKDIR app/\n")).isEmpty();
    }

    @Test
    void undefinedVar() {
        assertThat(warnings("\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n")).isEmpty();
        assertThat(warnings("\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n")).isEmpty();
        // RUN's command is the shell's to expand
        assertThat(warnings("\nFROM alpine\nRUN echo $PATH $nothing\n")).isEmpty();
        assertThat(warnings("\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n"))
                .containsExactly("3 UndefinedVar: Usage of undefined variable '$foo'");
        assertThat(warnings("\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\n"
                + "ARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n\t")).containsExactly("6 UndefinedVar: Usage of "
                + "undefined variable '$DIR_ASSET' (did you mean $DIR_ASSETS?)");
        assertThat(warnings("\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n\t\t"))
                .containsExactly("3 UndefinedVar: Usage of undefined variable '$PAHT' (did you mean $PATH?)");
        // each stage of the file is checked, not only the target
        assertThat(warnings("\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n"))
                .containsExactly("3 UndefinedVar: Usage of undefined variable '$foo'",
                        "6 UndefinedVar: Usage of undefined variable '$bar'");
        // with --target only the stages it needs
        assertThat(warnings("\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n",
                CheckOptions.defaults().withTarget("second")))
                .containsExactly("6 UndefinedVar: Usage of undefined variable '$bar'");
        // a stage the target mounts from is needed, one nothing uses is not
        assertThat(warnings("FROM scratch AS tools\nCOPY $a .\nFROM scratch AS unused\nCOPY $b .\n"
                + "FROM busybox AS app\nRUN --mount=from=tools,target=/t true\n",
                CheckOptions.defaults().withTarget("app")))
                .containsExactly("2 UndefinedVar: Usage of undefined variable '$a'");
        // a COPY heredoc body that expands is read too; a quoted delimiter keeps it literal
        assertThat(warnings("FROM scratch\nENV varA=a\nCOPY <<EOF /x\n$varB\nEOF\nCOPY <<'EOF' /y\n$varC\nEOF\n"))
                .containsExactly("3 UndefinedVar: Usage of undefined variable '$varB' (did you mean $varA?)");
        // a base stage's ONBUILD trigger runs in the stage built on it, reported at that stage's FROM
        assertThat(warnings("FROM busybox AS base\nONBUILD COPY $later /x\nFROM base\nRUN true\n"))
                .containsExactly("3 UndefinedVar: Usage of undefined variable '$later'");
        assertThat(warnings("FROM busybox AS base\nONBUILD COPY <<EOF /x\n$inDoc\nEOF\nFROM base\n"))
                .containsExactly("5 UndefinedVar: Usage of undefined variable '$inDoc'");
        // a build arg given on the command line does not define a variable the file never declares
        assertThat(warnings("FROM scratch\nCOPY $X .\n", Map.of("X", "y")))
                .containsExactly("2 UndefinedVar: Usage of undefined variable '$X'");
    }

    @Test
    void multipleInstructionsDisallowed() {
        String msg = " instructions should not be used in the same stage because only the last one will be used";
        assertThat(warnings("\nFROM scratch\nENTRYPOINT [\"/myapp\"]\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myapp\"]\n"
                + "CMD [\"/myotherapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myotherapp\"]\n"))
                .containsExactly("3 MultipleInstructionsDisallowed: Multiple ENTRYPOINT" + msg,
                        "5 MultipleInstructionsDisallowed: Multiple CMD" + msg,
                        "7 MultipleInstructionsDisallowed: Multiple HEALTHCHECK" + msg);
        assertThat(warnings("\nFROM scratch\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\nHEALTHCHECK CMD [\"/myapp\"]\n"
                + "COPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\n"
                + "HEALTHCHECK CMD [\"/myotherapp\"]\n"))
                .containsExactly("3 MultipleInstructionsDisallowed: Multiple ENTRYPOINT" + msg,
                        "4 MultipleInstructionsDisallowed: Multiple CMD" + msg,
                        "5 MultipleInstructionsDisallowed: Multiple HEALTHCHECK" + msg);
        assertThat(warnings("\nFROM scratch AS a\nENTRYPOINT [\"/myapp\"]\nCMD [\"/myapp\"]\n"
                + "HEALTHCHECK CMD [\"/myapp\"]\n\nFROM a AS b\nENTRYPOINT [\"/myotherapp\"]\nCMD [\"/myotherapp\"]\n"
                + "HEALTHCHECK CMD [\"/myotherapp\"]\n")).isEmpty();
    }

    @Test
    void legacyKeyValueFormat() {
        assertThat(warnings("\nFROM scratch\nENV testkey value\nLABEL key value\n")).containsExactly(
                "3 LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy \"ENV key value\" format",
                "4 LegacyKeyValueFormat: \"LABEL key=value\" should be used instead of legacy \"LABEL key value\" "
                        + "format");
        assertThat(warnings("\nFROM scratch\nENV testkey=value\nLABEL key=value\n")).isEmpty();
        // an unreachable stage is checked as well when there is no --target
        assertThat(warnings("\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n"))
                .hasSize(2);
        assertThat(warnings("\nFROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n"
                + "# check=skip=LegacyKeyValueFormat\nLABEL key value\n")).isEmpty();
    }

    @Test
    void secretsUsedInArgOrEnv() {
        String file = "# check=skip=InvalidDefinitionDescription\n\nFROM scratch\nARG SECRET_PASSPHRASE\n"
                + "ENV SUPER_Secret=foo\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\n"
                + "ENV apikey=bar sunflower=foo\nENV git_key=\nENV PUBLIC_KEY=\nARG public_token\n"
                + "ARG SECRET_PASSPHRASE_FILE\nENV password_file=bar secret_File=baz\nARG AUTH_MODULE_VERSION\n"
                + "# check=skip=SecretsUsedInArgOrEnv // allow secret in environment\nENV password=bar\n"
                + "# check=skip=SecretsUsedInArgOrEnv // allow secret in arg\nARG password\n"
                + "# check=skip=all // is local to only this instruction\nENV alternate_password=bar\n"
                + "# check=skip=all // is local to only this instruction\nARG alternate_password\n";
        String p = "SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data ";
        assertThat(warnings(file)).containsExactly("4 " + p + "(ARG \"SECRET_PASSPHRASE\")",
                "5 " + p + "(ENV \"SUPER_Secret\")", "6 " + p + "(ENV \"password\")", "6 " + p + "(ENV \"secret\")",
                "7 " + p + "(ARG \"auth\")", "7 " + p + "(ARG \"super_duper_secret_token\")",
                "8 " + p + "(ENV \"apikey\")", "9 " + p + "(ENV \"git_key\")");
    }

    @Test
    void exposeProtoCasing() {
        assertThat(warnings("\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n")).containsExactly(
                "3 ExposeProtoCasing: Defined protocol '80/TcP' in EXPOSE instruction should be lowercase",
                "3 ExposeProtoCasing: Defined protocol '8080/TCP' in EXPOSE instruction should be lowercase");
        assertThat(warnings("FROM scratch\nEXPOSE 80/tcp 53/udp 8080\n")).isEmpty();
    }

    @Test
    void exposeInvalidFormat() {
        String p = "ExposeInvalidFormat: EXPOSE instruction should not define an IP address or host-port mapping, ";
        assertThat(warnings("\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n"))
                .containsExactly("3 " + p + "found '127.0.0.1:80:80'", "3 " + p + "found '5000:5000'",
                        "3 " + p + "found '[::1]:8080:8080'");
        assertThat(warnings("FROM scratch\nEXPOSE 8000-8010\n")).isEmpty();
        assertThat(error("FROM scratch\nEXPOSE 80/xyz\n")).isEqualTo("invalid port: \"80/xyz\": invalid proto: xyz");
    }
}
