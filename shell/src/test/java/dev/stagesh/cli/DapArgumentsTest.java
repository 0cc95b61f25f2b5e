package dev.stagesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code stagesh dap}'s line read without picocli means what picocli makes of it, or is left to picocli. */
class DapArgumentsTest {
    /** What picocli's model parses the same line into. */
    private static BuildOptions picocli(String[] args) {
        CommandLine cl = StageshCommand.commandLine(new StageshCommand(), args);
        cl.parseArgs(args);
        return ((DapCommand) cl.getSubcommands().get("dap").getCommand()).build;
    }

    private static List<Object> fields(BuildOptions o) {
        return java.util.Arrays.asList(o.file, o.context, o.target, o.noCache, o.buildArgs, o.secrets, o.positional);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dap",
        "dap --no-cache",
        "dap -f df -C ctx --target final --build-arg A=1 --build-arg B --no-cache",
        "dap --file=sub/Dockerfile --context=. --target=build --build-arg=A=x=y --secret=id=s,src=f",
        "dap --secret id=a --secret id=b,src=x Dockerfile",
        "dap some/folder",
        "dap --target= Dockerfile",
    })
    void aPlainLineMeansWhatPicocliMakesOfIt(String line) {
        String[] args = line.split(" ");
        Optional<BuildOptions> quick = DapArguments.plain(args);
        assertThat(quick).isPresent();
        assertThat(fields(quick.get())).isEqualTo(fields(picocli(args)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dap --help", "dap -h", "dap --version", "dap --bogus", "dap a b", "dap -f", "dap --target",
        "dap --target a --target b", "dap -f x --file y", "dap --no-cache --no-cache", "dap --no-cache=true",
        "dap -fDockerfile", "dap -f=Dockerfile", "dap @args", "dap -f -C", "dap --build-arg -x", "dap -",
        "build dap", "--no-cache dap",
    })
    void anythingElseIsLeftToPicocli(String line) {
        assertThat(DapArguments.plain(line.split(" "))).isEmpty();
    }

    @Test
    void noArgumentsAreNotDap() {
        assertThat(DapArguments.plain(new String[0])).isEmpty();
    }
}
