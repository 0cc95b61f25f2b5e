package dev.stagesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StageshCommandLineTest {
    private static CommandLine of(String... args) {
        return StageshCommand.commandLine(new StageshCommand(), args);
    }

    @Test
    void aPlainSessionBuildsNoSubcommand() {
        assertThat(of("Dockerfile").getSubcommands()).isEmpty();
    }

    @Test
    void helpListsEverySubcommandInOrder() {
        CommandLine cl = of("--help");
        assertThat(cl.getSubcommands().keySet()).containsExactly("parse", "build", "check", "prune", "dap", "help", "completion", "__complete",
                "attach-shell");
        assertThat(cl.getUsageMessage()).contains("build", "parse", "prune", "dap");
    }

    @Test
    void aSubcommandIsThereWhenNamed() {
        CommandLine cl = of("build", "-t", "x", "Dockerfile");
        CommandLine.ParseResult r = cl.parseArgs("build", "-t", "x", "Dockerfile");
        assertThat(r.subcommand().commandSpec().name()).isEqualTo("build");
        assertThat(cl.getSubcommands()).containsOnlyKeys("build");
    }

    @Test
    void dapTakesTheShellsOptions() {
        String[] args = {"dap", "-f", "df", "-C", "ctx", "--target", "final", "--build-arg", "A=1", "--no-cache"};
        CommandLine cl = of(args);
        CommandLine.ParseResult r = cl.parseArgs(args);
        assertThat(r.subcommand().commandSpec().name()).isEqualTo("dap");
        assertThat(r.subcommand().matchedOptionValue("--target", "")).isEqualTo("final");
        assertThat(r.subcommand().matchedOptionValue("--build-arg", java.util.List.of())).containsExactly("A=1");
        assertThat(cl.getSubcommands()).containsOnlyKeys("dap");
    }

    @Test
    void aStageNamedLikeASubcommandIsStillAnOptionValue() {
        String[] args = {"--target", "build", "Dockerfile"};
        CommandLine.ParseResult r = of(args).parseArgs(args);
        assertThat(r.hasSubcommand()).isFalse();
        assertThat(r.matchedOptionValue("--target", "")).isEqualTo("build");
    }
}
