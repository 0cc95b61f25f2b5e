package dev.stagesh.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Delete breakpoint N (as 'breaks' numbers them).")
final class DeleteCommand extends SessionCommand {
    @Parameters(paramLabel = "N")
    int number;

    @Override
    int execute() {
        if (!session().breakpoints().delete(number)) {
            printer().error("delete: no breakpoint " + number);
            return 1;
        }
        return 0;
    }
}
