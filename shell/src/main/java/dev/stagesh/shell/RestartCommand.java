package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "restart", description = "Go back to the current stage's FROM.")
final class RestartCommand extends SessionCommand {
    @Override
    int execute() {
        session().restart();
        return 0;
    }
}
