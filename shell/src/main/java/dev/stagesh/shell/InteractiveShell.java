package dev.stagesh.shell;

import java.io.IOException;
import java.nio.file.Path;
import dev.stagesh.shell.syntax.CommandLexer;
import dev.stagesh.shell.syntax.InputHighlighter;
import dev.stagesh.shell.syntax.Palette;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The prompt on a terminal: line editing, history kept in the user's home (Ctrl-R searches
 * it), completion of commands, stages, lines and snapshot paths. Ctrl-C at the prompt clears
 * the line; Ctrl-C while a step runs cancels that step (its container is stopped, earlier
 * steps stay); Ctrl-D or {@code quit} ends the session.
 */
public final class InteractiveShell {
    private final ShellRunner runner;
    private final ShellContext context;

    private final ConsoleListener steps;

    public InteractiveShell(ShellRunner runner, ShellContext context, ConsoleListener steps) {
        this.runner = runner;
        this.context = context;
        this.steps = steps;
    }

    public int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build()) {
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]);
            PromptCommands prompt = new PromptCommands(runner::commands, parser, terminal);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("stagesh")
                    .parser(parser)
                    .completer(new AggregateCompleter(prompt.completer(), new ShellCompleter(runner::commands, context.session())))
                    .highlighter(new InputHighlighter(new CommandLexer(runner.commandNames()),
                            new Palette(context.printer().colour())))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".stagesh_history"))
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            context.printer().measureWith(terminal::getWidth); // help wraps at the window's width
            terminal.handle(Terminal.Signal.INT, signal -> context.session().cancel());
            steps.showStatusOn(terminal);
            context.terminal().set(terminal);
            context.printer().progress(context.session().dockerfile().stages().size()
                    + " stages; 'help' lists the commands, Tab completes, Ctrl-D quits");
            // stand at the first step, as a debugger stands at the first line: the base image is
            // resolved (or its absence reported) before the first command
            context.session().prepareToRun();
            runner.runLine("next");
            runner.runLine("list");
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
