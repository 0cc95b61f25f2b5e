package dev.stagesh.shell;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help", aliases = "?", description = "List the commands, or describe one.")
final class HelpCommand extends SessionCommand {
    @Parameters(arity = "0..1", paramLabel = "COMMAND")
    String command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    int execute() {
        CommandLine root = spec.commandLine().getParent();
        if (command == null) {
            printer().line("Commands:");
            for (CommandLine cl : CommandTree.inOrder(root)) {
                String[] d = cl.getCommandSpec().usageMessage().description();
                printer().line(String.format("  %-10s %s", cl.getCommandName(), d.length > 0 ? d[0] : ""));
            }
            printer().line("'help COMMAND' tells more.");
            return 0;
        }
        CommandLine sub = root.getSubcommands().get(command);
        if (sub == null) {
            printer().error("help: no command '" + command + "'");
            return 1;
        }
        sub.usage(printer().out(), printer().colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF);
        return 0;
    }
}
