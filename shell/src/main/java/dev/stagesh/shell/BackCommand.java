package dev.stagesh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "back", aliases = "b", description = "Go back N steps in the current stage (default 1); nothing is re-run.")
final class BackCommand extends SessionCommand {
    @Parameters(arity = "0..1", defaultValue = "1", paramLabel = "N")
    int count;

    @Override
    int execute() {
        if (count < 1) {
            printer().error("back: N must be at least 1");
            return 1;
        }
        session().back(count);
        return 0;
    }
}
