package dev.stagesh.shell;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
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
     * terminal's width and aligned under itself.
     */
    static AttributedString row(String name, int nameWidth, int width, String description) {
        int left = 2 + nameWidth + 2;
        List<String> lines = wrap(description, Math.max(20, width - left));
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append("  ");
        b.styled(AttributedStyle.BOLD, name);
        b.append(" ".repeat(Math.max(1, left - 2 - name.length())));
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                b.append("\n").append(" ".repeat(left));
            }
            b.append(lines.get(i));
        }
        return b.toAttributedString();
    }

    /**
     * Greedy wrapping at spaces only: picocli's text table breaks wherever java.text's line
     * BreakIterator may, which includes after the dot of ".dockerignore".
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
