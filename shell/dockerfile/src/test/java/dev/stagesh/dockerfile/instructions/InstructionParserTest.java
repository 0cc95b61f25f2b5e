package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.DockerfileSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionParserTest {
    private static Instruction only(String line) {
        Dockerfile df = Dockerfile.parse("FROM scratch\n" + line + "\n", "Dockerfile");
        return df.stage("0").instructions().get(0);
    }

    private static DockerfileException failure(String line) {
        try {
            Dockerfile.parse("FROM scratch\n" + line + "\n", "Dockerfile");
        } catch (DockerfileException e) {
            return e;
        }
        throw new AssertionError("expected an error for: " + line);
    }

    @Test
    void runFlags() {
        var run = (Instruction.Run) only("RUN --mount=type=cache,target=/root/.cache,sharing=locked "
                + "--mount=target=/src,rw --mount=type=secret,id=tok --network=none --security=insecure make");
        assertThat(run.network()).isEqualTo("none");
        assertThat(run.security()).isEqualTo("insecure");
        assertThat(run.command()).isEqualTo(new CommandLine(List.of("make"), true));
        assertThat(run.mounts()).extracting(Mount::type).containsExactly("cache", "bind", "secret");
        assertThat(run.mounts().get(0).target()).isEqualTo("/root/.cache");
        assertThat(run.mounts().get(0).readonly()).isFalse();
        assertThat(run.mounts().get(0).option("sharing")).isEqualTo("locked");
        assertThat(run.mounts().get(1).readonly()).isFalse();
        assertThat(run.mounts().get(2).id()).isEqualTo("tok");
        assertThat(run.mounts().get(2).readonly()).isTrue();
    }

    @Test
    void runDefaultsAndExecForm() {
        var run = (Instruction.Run) only("RUN [\"echo\", \"a b\"]");
        assertThat(run.network()).isEqualTo("default");
        assertThat(run.security()).isEqualTo("sandbox");
        assertThat(run.command()).isEqualTo(new CommandLine(List.of("echo", "a b"), false));
        assertThat(run.command().argv(List.of("/bin/sh", "-c"))).containsExactly("echo", "a b");
        var shell = (Instruction.Run) only("RUN echo hi");
        assertThat(shell.command().argv(List.of("/bin/sh", "-c"))).containsExactly("/bin/sh", "-c", "echo hi");
    }

    @Test
    void mountValuesWithVariablesAreCheckedAfterExpansion() {
        var run = (Instruction.Run) only("RUN --mount=type=$T,target=/x true");
        WordExpander e = new WordExpander() {
            public String expand(String word) {
                return word.replace("$T", "tmpfs");
            }

            public List<String> expandWords(String word) {
                return List.of(expand(word));
            }
        };
        assertThat(run.expand(e).mounts().get(0).type()).isEqualTo("tmpfs");
    }

    @Test
    void copyAndAddFlags() {
        var copy = (Instruction.Copy) only("COPY --from=build --chown=1:2 --chmod=0755 --link --parents "
                + "--exclude=*.md --exclude=*.txt a b /dst/");
        assertThat(copy.sources()).containsExactly("a", "b");
        assertThat(copy.dest()).isEqualTo("/dst/");
        assertThat(copy.from()).isEqualTo("build");
        assertThat(copy.chown()).isEqualTo("1:2");
        assertThat(copy.chmod()).isEqualTo("0755");
        assertThat(copy.link()).isTrue();
        assertThat(copy.parents()).isTrue();
        assertThat(copy.excludes()).containsExactly("*.md", "*.txt");
        var add = (Instruction.Add) only("ADD --checksum=sha256:abc --keep-git-dir=false --unpack u /d");
        assertThat(add.checksum()).isEqualTo("sha256:abc");
        assertThat(add.keepGitDir()).isFalse();
        assertThat(add.unpack()).isTrue();
        assertThat(((Instruction.Add) only("ADD a /d")).unpack()).isNull();
        assertThat(((Instruction.Copy) only("COPY --chmod=u+x,g-w a /d")).chmod()).isEqualTo("u+x,g-w");
    }

    @Test
    void otherInstructions() {
        assertThat(only("ENV A=1 B=\"2 3\"")).isInstanceOf(Instruction.Env.class)
                .extracting(i -> ((Instruction.Env) i).pairs())
                .isEqualTo(List.of(new KeyValue("A", "1"), new KeyValue("B", "\"2 3\"")));
        assertThat(((Instruction.Arg) only("ARG A B=2")).args())
                .containsExactly(new ArgDecl("A", null), new ArgDecl("B", "2"));
        assertThat(((Instruction.Healthcheck) only("HEALTHCHECK --interval=30s --retries=3 CMD curl x")))
                .satisfies(h -> {
                    assertThat(h.intervalDuration()).hasSeconds(30);
                    assertThat(h.retriesCount()).isEqualTo(3);
                    assertThat(h.test()).isEqualTo(new CommandLine(List.of("curl x"), true));
                });
        assertThat(((Instruction.Healthcheck) only("HEALTHCHECK NONE")).none()).isTrue();
        assertThat(((Instruction.Shell) only("SHELL [\"pwsh\", \"-c\"]")).shell()).containsExactly("pwsh", "-c");
        var onbuild = (Instruction.Onbuild) only("ONBUILD RUN echo hi");
        assertThat(onbuild.triggerText()).isEqualTo("RUN echo hi");
        assertThat(onbuild.trigger().keyword()).isEqualTo("RUN");
        assertThat(((Instruction.Expose) only("EXPOSE 80/tcp 443")).ports()).containsExactly("80/tcp", "443");
        assertThat(((Instruction.Stopsignal) only("STOPSIGNAL SIGTERM")).signal()).isEqualTo("SIGTERM");
        assertThat((Dockerfile.parse("from --platform=linux/arm64 a as Build\n", "D")
                .stage("build").from())).satisfies(f -> {
                    assertThat(f.stageName()).isEqualTo("build");
                    assertThat(f.platform()).isEqualTo("linux/arm64");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "FOO bar|unknown instruction: FOO|1",
            "COPY --form=x a b|unknown flag: --form (did you mean from?)|6",
            "COPY --link=maybe a b|expecting boolean value for flag --link, not: maybe|6",
            "COPY --chown a b|missing a value on flag: --chown|6",
            "COPY --from=a --from=b x y|duplicate flag specified: --from|6",
            "COPY a|COPY requires at least two arguments, but only one was provided. Destination could not be "
                    + "determined|1",
            "COPY --chmod=999 a b|invalid chmod parameter: '999'. it should be octal string and between 0 and "
                    + "07777|6",
            "RUN --network=bridge x|invalid network mode \"bridge\"|5",
            "RUN --security=x x|security \"x\" is not valid|5",
            "RUN --mount=type=nfs x|unsupported mount type \"nfs\"|5",
            "RUN --mount=target=/x,colour=red x|unexpected key 'colour' in 'colour=red'|5",
            "RUN --mount=type=bind,size=1g x|unexpected key 'size' for mount type 'bind'|5",
            "RUN --mount=type=secret x|invalid secret mount. one of source, target required|5",
            "RUN --mount=from=$X,target=/x x|'from' doesn't support variable expansion, define alias stage "
                    + "instead|5",
            "RUN --mount=type=bind,mode=0700,target=/x x|mode not allowed for \"bind\" type mounts|5",
            "WORKDIR|WORKDIR requires exactly one argument|1",
            "ENV A|ENV must have two arguments|1",
            "CMD --foo [\"a\"]|unknown flag: --foo|5",
            "SHELL sh -c|SHELL requires the arguments to be in JSON form|1",
            "HEALTHCHECK --interval=1us CMD x|Interval \"interval\" cannot be less than 1ms|13",
            "HEALTHCHECK --retries=-1 CMD x|--retries cannot be negative (-1)|13",
            "HEALTHCHECK FOO|Unknown type \"FOO\" in HEALTHCHECK (try CMD)|1",
            "ONBUILD ONBUILD RUN x|Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed|1",
            "ONBUILD FROM x|FROM isn't allowed as an ONBUILD trigger|1",
            "  VOLUME [\"\"]|VOLUME specified can not be an empty string|3",
    })
    void errors(String line, String message, int column) {
        DockerfileException e = failure(line);
        assertThat(e).isInstanceOf(DockerfileSyntaxException.class);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.fileName()).isEqualTo("Dockerfile");
        assertThat(e.sourceLine()).isEqualTo(line);
    }

    @Test
    void heredocAsDestination() {
        DockerfileException e = failure("COPY a <<EOF\nbody\nEOF");
        assertThat(e).hasMessage("COPY cannot accept a heredoc as a destination");
        assertThat(e.column()).isEqualTo(8);
    }

    @Test
    void invalidStageNameAndFromArity() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM a AS 1x\n", "D"))
                .hasMessage("invalid name for build stage: \"1x\", name can't start with a number or contain symbols");
        assertThatThrownBy(() -> Dockerfile.parse("FROM a b\n", "D"))
                .hasMessage("FROM requires either one or three arguments");
        assertThatThrownBy(() -> Dockerfile.parse("RUN x\n", "D"))
                .hasMessageContaining("no build stage in current context");
    }

    @Test
    void flagsOfArgAndStopsignalAreIgnoredAsInBuildKit() {
        assertThat(only("ARG --whatever A=1")).isInstanceOf(Instruction.Arg.class);
        assertThat(only("STOPSIGNAL --x SIGKILL")).isInstanceOf(Instruction.Stopsignal.class);
    }
}
