package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "quit", aliases = {"exit", "q"}, description = "End the session, removing its containers and snapshots.")
final class QuitCommand extends SessionCommand {
    @Override
    int execute() {
        context.quit().request();
        return 0;
    }
}
