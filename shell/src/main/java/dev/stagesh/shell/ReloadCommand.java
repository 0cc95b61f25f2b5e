package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "reload", description = "Read the Dockerfile again; steps before the first changed instruction are kept.")
final class ReloadCommand extends SessionCommand {
    @Override
    int execute() {
        Reloads.reportAndRewind(context);
        return 0;
    }
}
