package dev.stagesh.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jline.console.CmdDesc;
import org.jline.console.CmdLine;
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
 * (with their descriptions) and options, and describes the command being typed for the TailTip
 * widgets ({@link CommandTips}). The registry needs every command's picocli model, so it is not
 * built before the first prompt: {@link #prepare()} builds it once the prompt shows, else the
 * first Tab or key that needs it does.
 *
 * <p>Commands are still run by {@link ShellRunner}, as in script mode: the registry's own line
 * syntax would give {@code |}, {@code >} and {@code &&} meanings they do not have in a script
 * (where {@code exec echo a > b} passes {@code >} to the command).
 */
final class PromptCommands {
    private final Supplier<CommandLine> commands;
    private final Parser parser;
    private final Terminal terminal;
    private SystemRegistryImpl registry;
    private Completer completer;

    PromptCommands(Supplier<CommandLine> commands, Parser parser, Terminal terminal) {
        this.commands = commands;
        this.parser = parser;
        this.terminal = terminal;
    }

    /** Builds the registry now (from a thread of its own, while the user reads the prompt). */
    synchronized void prepare() {
        if (registry == null) {
            PicocliCommands picocli = new PicocliCommands(commands.get());
            picocli.name("commands"); // the group the completion list shows them under
            SystemRegistryImpl r = new SystemRegistryImpl(parser, terminal,
                    () -> Path.of(System.getProperty("user.dir")), null);
            r.setCommandRegistries(picocli);
            completer = r.completer();
            registry = r;
        }
    }

    private synchronized SystemRegistryImpl registry() {
        prepare();
        return registry;
    }

    /** Command names and options, from the registry. */
    Completer completer() {
        return (LineReader reader, ParsedLine line, List<Candidate> candidates) -> {
            registry();
            completer.complete(reader, line, candidates);
        };
    }

    /** The synopsis and description of the command on the line, for the TailTip widgets; null for none. */
    CmdDesc description(CmdLine line) {
        return registry().commandDescription(line);
    }
}
