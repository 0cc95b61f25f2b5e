package dev.stagesh.cli;

import dev.stagesh.console.Printer;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stagesh __complete WORDS... CURRENT}: what the completion scripts call on Tab, and what
 * the docker CLI calls a plugin with. Hidden: it is for shells, not people.
 */
@Command(name = "__complete", hidden = true, description = "Complete a stagesh command line (for shell completion scripts).")
final class CompleteCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "WORD")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLineCompleter completer = new CommandLineCompleter(spec.root(), CompleteCommand::stageNames);
        // a Tab must never print an error into the line being typed: whatever goes wrong, no candidates
        String wire;
        try {
            wire = completer.complete(words.isEmpty() ? List.of("") : words).wire();
        } catch (RuntimeException e) {
            wire = ":" + CommandLineCompleter.NO_FILES + "\n";
        }
        Printer.system(false).out().print(wire);
        return 0;
    }

    /** The names of the Dockerfile's stages, as --target takes them. */
    static List<String> stageNames(Path dockerfile) {
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(dockerfile)) {
            return out;
        }
        try {
            for (Stage s : Dockerfile.load(dockerfile).stages()) {
                if (s.name() != null && !s.name().isEmpty()) {
                    out.add(s.name());
                }
            }
        } catch (RuntimeException e) {
            // a Dockerfile that does not parse has no stages to offer
        }
        return out;
    }
}
