package dev.stagesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineCompleterTest {
    @TempDir
    Path dir;

    private CommandLineCompleter.Completion complete(String... words) {
        var cl = StageshCommand.commandLine(new StageshCommand(), new String[] {"__complete"});
        return new CommandLineCompleter(cl.getCommandSpec(), CompleteCommand::stageNames).complete(List.of(words));
    }

    private static List<String> values(CommandLineCompleter.Completion c) {
        return c.candidates().stream().map(CommandLineCompleter.Candidate::value).toList();
    }

    @Test
    void anEmptyWordOffersTheVisibleSubcommandsAndFiles() {
        var c = complete("");
        assertThat(values(c)).containsExactly("parse", "build", "check", "prune", "dap", "help", "completion");
        assertThat(c.directive() & CommandLineCompleter.NO_FILES).as("the Dockerfile may be any file").isZero();
        assertThat(c.candidates().get(1).description()).startsWith("Run the target stage");
    }

    @Test
    void aDashPrefixOffersTheOptionsItStarts() {
        assertThat(values(complete("--ta"))).containsExactly("--target");
        assertThat(values(complete("build", "--sq"))).containsExactly("--squash");
        var all = complete("-");
        assertThat(values(all)).contains("--file", "--target", "--no-cache", "--help").doesNotContain("-f");
        assertThat(all.directive()).isEqualTo(CommandLineCompleter.NO_FILES);
    }

    @Test
    void targetOffersTheStagesOfTheDockerfileOnTheLine() throws IOException {
        Path file = dir.resolve("Dockerfile.multi");
        Files.writeString(file, "FROM busybox AS build\nRUN true\nFROM busybox AS Test\nFROM scratch\nFROM busybox AS bundle\n");
        assertThat(values(complete("-f", file.toString(), "--target", ""))).containsExactly("build", "test", "bundle");
        assertThat(values(complete("--target", "bu", file.toString()))).as("a prefix; the file given after")
                .isEmpty(); // the words after the cursor are not sent: the Dockerfile is ./Dockerfile, absent here
        assertThat(values(complete(file.toString(), "--target", "bu"))).containsExactly("build", "bundle");
        assertThat(values(complete("build", "--file=" + file, "--target", "t"))).containsExactly("test");
        assertThat(values(complete(dir.toString(), "--target=b"))).as("a folder holds no Dockerfile here").isEmpty();
        Files.copy(file, dir.resolve("Dockerfile"));
        assertThat(values(complete(dir.toString(), "--target=b"))).containsExactly("--target=build", "--target=bundle");
    }

    @Test
    void aDockerfileThatDoesNotParseOffersNoStages() throws IOException {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "RUN before any from\n");
        var c = complete("-f", file.toString(), "--target", "");
        assertThat(c.candidates()).isEmpty();
        assertThat(c.directive()).isEqualTo(CommandLineCompleter.NO_FILES);
    }

    @Test
    void fileOptionsLeaveItToTheShellAndTheContextToDirectories() {
        assertThat(complete("-f", "")).isEqualTo(new CommandLineCompleter.Completion(List.of(), 0));
        assertThat(complete("-C", "")).isEqualTo(new CommandLineCompleter.Completion(List.of(), CommandLineCompleter.DIRECTORIES));
        assertThat(complete("--build-arg", "").directive()).isEqualTo(CommandLineCompleter.NO_FILES);
    }

    @Test
    void afterTheDockerfileNoSubcommandIsOffered() {
        var c = complete("Dockerfile", "");
        assertThat(c.candidates()).isEmpty();
        assertThat(c.directive()).as("one DOCKERFILE only").isEqualTo(CommandLineCompleter.NO_FILES);
    }

    @Test
    void completionOffersItsShells() {
        assertThat(values(complete("completion", ""))).containsExactly("bash", "zsh");
    }

    @Test
    void theCommandTakesTheWordsAsTheyAreOptionsIncluded() {
        var cl = StageshCommand.commandLine(new StageshCommand(), new String[] {"__complete"});
        var parsed = cl.parseArgs("__complete", "build", "--sq");
        CompleteCommand command = (CompleteCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(command.words).containsExactly("build", "--sq");
        assertThat(values(complete("help", ""))).contains("build", "parse");
        assertThat(complete("").candidates()).filteredOn(c -> c.value().equals("help"))
                .extracting(CommandLineCompleter.Candidate::description).containsExactly("Display help information about the specified command.");
    }

    @Test
    void theWireFormIsCobras() {
        var c = new CommandLineCompleter.Completion(List.of(new CommandLineCompleter.Candidate("build", "a stage"),
                new CommandLineCompleter.Candidate("x", "")), 4);
        assertThat(c.wire()).isEqualTo("build\ta stage\nx\n:4\n");
    }
}
