package dev.stagesh.shell;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
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
        int width = printer().width();
        if (command == null) {
            printer().line("Commands:");
            List<CommandLine> all = CommandTree.inOrder(root);
            int names = all.stream().mapToInt(c -> c.getCommandName().length()).max().orElse(4);
            for (CommandLine cl : all) {
                printer().line(printer().render(row(cl.getCommandName(), names, width,
                        String.join(" ", cl.getCommandSpec().usageMessage().description()))));
            }
            printer().line("'help COMMAND' tells more.");
            return 0;
        }
        CommandLine sub = root.getSubcommands().get(command);
        if (sub == null) {
            printer().error("help: no command '" + command + "'");
            return 1;
        }
        sub.getCommandSpec().usageMessage().width(width);
        // plain: colour at the prompt comes from JLine's styles alone, never from picocli's own escapes
        sub.usage(printer().out(), CommandLine.Help.Ansi.OFF);
        return 0;
    }

    /**
     * One command of the list: its name in bold, its description beside it, wrapped at the
     * terminal's width and aligned under itself (picocli's text table does the wrapping).
     */
    static AttributedString row(String name, int nameWidth, int width, String description) {
        int left = 2 + nameWidth + 2;
        TextTable table = TextTable.forColumns(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF),
                new Column(left, 2, Column.Overflow.SPAN), new Column(Math.max(20, width - left), 0, Column.Overflow.WRAP));
        table.indentWrappedLines = 0; // aligned under the description's first line, not two further in
        table.addRowValues(name, description);
        // the table pads every line to its full width; a line ends where its words do
        String text = table.toString().lines().map(String::stripTrailing).collect(java.util.stream.Collectors.joining("\n"));
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append(text, 0, 2);
        b.styled(AttributedStyle.BOLD, name);
        b.append(text.substring(2 + name.length()));
        return b.toAttributedString();
    }
}
