package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "continue", aliases = "c", description = "Run the current stage to its end.")
final class ContinueCommand extends SessionCommand {
    @Override
    int execute() {
        session().continueToEnd();
        return 0;
    }
}
