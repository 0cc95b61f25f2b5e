package dev.stagesh.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The prompt on a terminal: line editing, history kept in the user's home (Ctrl-R searches
 * it), completion of command names. Ctrl-C clears the line, Ctrl-D quits.
 */
public final class InteractiveShell {
    private final ShellRunner runner;
    private final ShellContext context;

    public InteractiveShell(ShellRunner runner, ShellContext context) {
        this.runner = runner;
        this.context = context;
    }

    public int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("stagesh")
                    .completer(new StringsCompleter(runner.commands().getSubcommands().keySet()))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".stagesh_history"))
                    .build();
            context.printer().progress(context.session().dockerfile().stages().size() + " stages; 'help' lists the commands");
            try {
                runner.runLine("list");
            } catch (RuntimeException e) {
                context.printer().error(e.getMessage());
            }
            while (!context.quit().requested()) {
                String line;
                try {
                    line = reader.readLine(runner.prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                runner.runLine(line);
            }
            return 0;
        }
    }
}
