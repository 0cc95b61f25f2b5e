package dev.stagesh.cli;

import dev.stagesh.StageshException;
import dev.stagesh.console.Printer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code stagesh completion bash|zsh}: the completion script for a shell. The scripts are small
 * and the same for every version: on Tab they ask {@code stagesh __complete}, so what they offer
 * is always this stagesh's commands and options, and the stages of the Dockerfile on the line.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the completion script for bash or zsh (scripts/install installs both).",
        footer = {"%nbash: source <(stagesh completion bash)",
            "zsh:  stagesh completion zsh > \"${fpath[1]}/_stagesh\", or source <(stagesh completion zsh) after compinit"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh", completionCandidates = Shells.class)
    Shell shell;

    /** picocli would list the enum's values itself, but only for its own generated scripts. */
    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(java.util.List.of("bash", "zsh"));
        }
    }

    @Override
    public Integer call() {
        String resource = "completion." + shell.name();
        try (InputStream in = CompletionCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StageshException("this jar has no " + resource + " (a broken build)");
            }
            Printer.system(false).out().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return 0;
        } catch (IOException e) {
            throw new StageshException("cannot read " + resource + " from the jar: " + e.getMessage(), e);
        }
    }
}
