package dev.stagesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** A line read without picocli means what picocli makes of it, or is left to picocli. */
class PlainArgumentsTest {
    private static final Set<String> SUBCOMMANDS = subcommands();

    /** Every subcommand's name, as the full command line (help's) has them. */
    private static Set<String> subcommands() {
        String[] help = {"--help"};
        return StageshCommand.commandLine(new StageshCommand(), help).getSubcommands().keySet();
    }

    /** What picocli parses the line into: the options' fields, and the root's --keep and -c. */
    private static List<Object> picocli(String[] args) {
        StageshCommand root = new StageshCommand();
        CommandLine cl = StageshCommand.commandLine(root, args);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        if (parsed.hasSubcommand()) {
            Object sub = parsed.subcommand().commandSpec().userObject();
            if (sub instanceof BuildCommand b) {
                return buildFields(b.build, b.tags, b.squash, b.quiet);
            }
            return fields(((DapCommand) sub).build, false);
        }
        assertThat(root.exec).isNull();
        return fields(root.build, root.keep);
    }

    private static List<Object> fields(BuildOptions o, boolean keep) {
        List<Object> f = new ArrayList<>(java.util.Arrays.asList(o.file, o.context, o.target, o.noCache, o.buildArgs,
                o.secrets, o.positional));
        f.add(keep);
        return f;
    }

    private static List<Object> buildFields(BuildOptions o, List<String> tags, boolean squash, boolean quiet) {
        List<Object> f = fields(o, false);
        f.addAll(List.of(tags, squash, quiet));
        return f;
    }

    private static String[] words(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
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
        "dap build",
    })
    void aPlainDapLineMeansWhatPicocliMakesOfIt(String line) {
        assertReadAsPicocliReadsIt(line, PlainArguments.Dap.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "Dockerfile",
        "examples/hello-go",
        "--no-cache --keep Dockerfile",
        "-f df -C ctx --target build --build-arg A=1 --build-arg B --secret id=s",
        "--file=sub/Dockerfile --context=. --target=dap --build-arg=A=x=y",
        "--target build Dockerfile",
        "--keep",
    })
    void aPlainSessionLineMeansWhatPicocliMakesOfIt(String line) {
        assertReadAsPicocliReadsIt(line, PlainArguments.Session.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "build -t app:1",
        "build -t app:1 .",
        "build --tag=app:1 --tag app:latest -f df -C ctx --target final --build-arg A=1 --no-cache",
        "build -q --squash -t x Dockerfile",
        "build --quiet -t x --secret id=s,src=f --build-arg=B --target=dap",
        "build -t x help",
        "build -t x dap",
        "build -t build build",
    })
    void aPlainBuildLineMeansWhatPicocliMakesOfIt(String line) {
        assertReadAsPicocliReadsIt(line, PlainArguments.Build.class);
    }

    /** The line is read without picocli, as a {@code kind}, into the fields picocli's parse gives. */
    private static void assertReadAsPicocliReadsIt(String line, Class<? extends PlainArguments.Plain> kind) {
        String[] args = words(line);
        Optional<PlainArguments.Plain> quick = PlainArguments.of(args, SUBCOMMANDS);
        assertThat(quick).containsInstanceOf(kind);
        assertThat(fields(quick.get())).isEqualTo(picocli(args));
    }

    private static List<Object> fields(PlainArguments.Plain plain) {
        if (plain instanceof PlainArguments.Session s) {
            return fields(s.options(), s.keep());
        }
        if (plain instanceof PlainArguments.Build b) {
            return buildFields(b.options(), b.tags(), b.squash(), b.quiet());
        }
        return fields(plain.options(), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dap --help", "dap -h", "dap --version", "dap --bogus", "dap a b", "dap -f", "dap --target",
        "dap --target a --target b", "dap -f x --file y", "dap --no-cache --no-cache", "dap --no-cache=true",
        "dap -fDockerfile", "dap -f=Dockerfile", "dap @args", "dap -f -C", "dap --build-arg -x", "dap -",
        "dap --keep", "build dap", "--no-cache dap",
        "--help", "-h", "--version", "-V", "help", "build", "build .", "check Dockerfile", "Dockerfile build",
        "-c ls", "--exec=ls", "-c", "--keep --keep", "--keep=true", "--bogus", "a b", "@args", "-f", "-",
        "--", "-- Dockerfile", "--target -x", "completion bash", "__complete stagesh",
        "build -t", "build -q -q -t x", "build --quiet -q -t x", "build -t x --squash=true", "build -t x --keep",
        "build -t x --help", "build -t x -h", "build -qt x", "build -t x a b", "build -t -q", "build --squash",
        "build -t x @args", "build -t=x", "dap -t x", "dap --squash", "-t x", "--squash", "-q",
    })
    void anythingElseIsLeftToPicocli(String line) {
        assertThat(PlainArguments.of(words(line), SUBCOMMANDS)).isEmpty();
    }

    @Test
    void theSubcommandsAreTheRootsOwn() {
        assertThat(SUBCOMMANDS).contains("build", "check", "dap", "parse", "help", "completion");
    }
}
