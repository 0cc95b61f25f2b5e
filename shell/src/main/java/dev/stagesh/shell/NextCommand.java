package dev.stagesh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "next", aliases = "n", description = "Run the next N steps of the current stage (default 1).")
final class NextCommand extends SessionCommand {
    @Parameters(arity = "0..1", defaultValue = "1", paramLabel = "N", description = "how many steps")
    int count;

    @Override
    int execute() {
        if (count < 1) {
            printer().error("next: N must be at least 1");
            return 1;
        }
        if (session().current().finished()) {
            printer().error("next: " + session().current().label() + " is at its end; 'into stage N' moves on");
            return 1;
        }
        session().next(count);
        return 0;
    }
}
