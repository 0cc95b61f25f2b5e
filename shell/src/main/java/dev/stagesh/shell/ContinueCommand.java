package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "continue", aliases = "c", description = "Run the current stage to a breakpoint or to its end.")
final class ContinueCommand extends SessionCommand {
    @Override
    int execute() {
        var hit = session().continueToBreakpoint();
        hit.ifPresent(b -> {
            var run = session().current();
            printer().progress("stopped at breakpoint " + b.number() + " (" + b.describe() + ") before step "
                    + (run.position() + 1) + ": " + run.next().node().original().strip());
        });
        return 0;
    }
}
