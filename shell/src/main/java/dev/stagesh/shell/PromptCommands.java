package dev.stagesh.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jline.console.impl.SystemRegistryImpl;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliCommands;

/**
 * The in-shell commands as the line editor sees them: picocli-shell-jline3's
 * {@link PicocliCommands} in JLine's {@link SystemRegistryImpl}, which completes command names
 * (with their descriptions) and options. The registry needs every command's picocli model, so it
 * is built on the first Tab, not before the first prompt.
 *
 * <p>JLine's TailTip widgets, which would show the command's synopsis under the line from the same
 * registry, are not enabled: their lines at the screen's foot and the step's status line
 * ({@link StatusLine}) each move the scroll region under the other, and the inline tip is
 * erased with spaces that stay in the line.
 *
 * <p>Commands are still run by {@link ShellRunner}, as in script mode: the registry's own line
 * syntax would give {@code |}, {@code >} and {@code &&} meanings they do not have in a script
 * (where {@code exec echo a > b} passes {@code >} to the command).
 */
final class PromptCommands {
    private final Supplier<CommandLine> commands;
    private final Parser parser;
    private final Terminal terminal;
    private Completer completer;

    PromptCommands(Supplier<CommandLine> commands, Parser parser, Terminal terminal) {
        this.commands = commands;
        this.parser = parser;
        this.terminal = terminal;
    }

    private synchronized Completer registryCompleter() {
        if (completer == null) {
            PicocliCommands picocli = new PicocliCommands(commands.get());
            picocli.name("commands"); // the group the completion list shows them under
            SystemRegistryImpl registry = new SystemRegistryImpl(parser, terminal,
                    () -> Path.of(System.getProperty("user.dir")), null);
            registry.setCommandRegistries(picocli);
            completer = registry.completer();
        }
        return completer;
    }

    /** Command names and options, from the registry. */
    Completer completer() {
        return (LineReader reader, ParsedLine line, List<Candidate> candidates) ->
                registryCompleter().complete(reader, line, candidates);
    }
}
