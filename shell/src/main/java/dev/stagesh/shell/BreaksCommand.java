package dev.stagesh.shell;

import picocli.CommandLine.Command;

@Command(name = "breaks", description = "List the breakpoints.")
final class BreaksCommand extends SessionCommand {
    @Override
    int execute() {
        var breaks = session().breakpoints();
        breaks.list().forEach(b -> printer().line(b.number() + "  " + b.describe()));
        printer().line("on-error " + (breaks.onError() ? "on" : "off"));
        return 0;
    }
}
