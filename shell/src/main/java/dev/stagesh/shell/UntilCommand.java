package dev.stagesh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "until", description = "Run the current stage until the step at LINE is next (it does not run).")
final class UntilCommand extends SessionCommand {
    @Parameters(paramLabel = "LINE")
    int line;

    @Override
    int execute() {
        session().until(line);
        return 0;
    }
}
