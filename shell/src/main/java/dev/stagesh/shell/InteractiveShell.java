package dev.stagesh.shell;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import dev.stagesh.shell.syntax.CommandLexer;
import dev.stagesh.shell.syntax.InputHighlighter;
import dev.stagesh.shell.syntax.Palette;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.terminal.Terminal;

/**
 * The prompt on a terminal: line editing, history kept in the user's home (Ctrl-R searches
 * it), completion of commands, stages, lines and snapshot paths. Ctrl-C at the prompt clears
 * the line; Ctrl-C while a step runs cancels that step (its container is stopped, earlier
 * steps stay); Ctrl-D or {@code quit} ends the session. With colour on, JLine's TailTip
 * widgets describe the command being typed under the line, above a status line of where the
 * session stands ({@link ScreenFoot}).
 */
public final class InteractiveShell {
    private final ShellRunner runner;
    private final ShellContext context;

    private final ConsoleListener steps;
    private final PromptOpening opening;

    public InteractiveShell(ShellRunner runner, ShellContext context, ConsoleListener steps, PromptOpening opening) {
        this.runner = runner;
        this.context = context;
        this.steps = steps;
        this.opening = opening;
    }

    public int run() throws IOException {
        PromptOpening.Prompt opened = opening.take();
        try (Terminal terminal = opened.terminal()) {
            LineReaderImpl reader = opened.reader();
            PromptCommands prompt = new PromptCommands(runner::commands, reader.getParser(), terminal);
            reader.setCompleter(new AggregateCompleter(prompt.completer(), new ShellCompleter(runner::commands, context.session())));
            reader.setHighlighter(new InputHighlighter(new CommandLexer(runner.commandNames()),
                    new Palette(context.printer().colour())));
            context.printer().measureWith(terminal::getWidth); // help wraps at the window's width
            terminal.handle(Terminal.Signal.INT, signal -> context.session().cancel());
            ScreenFoot foot = steps.showStatusOn(terminal, () -> PositionLine.of(context.session().current()));
            // the widgets draw in colour at the foot: with NO_COLOR the prompt stays as plain as its output
            Optional<CommandTips> tips = context.printer().colour()
                    ? Optional.of(new CommandTips(reader, prompt::description, foot)) : Optional.empty();
            tips.ifPresent(CommandTips::enable);
            context.terminal().set(terminal);
            context.printer().progress(context.session().dockerfile().stages().size()
                    + " stages; 'help' lists the commands, Tab completes, Ctrl-D quits");
            // stand at the first step, as a debugger stands at the first line: the base image is
            // resolved (or its absence reported) before the first command
            runner.runLine("next");
            runner.runLine("list");
            // what the first prompt does not need waits until it is drawn (started sooner, it took the cores the
            // prompt needed): the registry the completion and the widgets read, docker-java's client, and the
            // container whose network the RUNs share (its start is the engine's CPU, on the same two cores)
            opening.watchFirstLine(reader);
            CompletableFuture<Void> prepared = opening.firstPromptDrawn().thenRunAsync(prompt::prepare).toCompletableFuture();
            opening.firstPromptDrawn().thenRun(() -> {
                context.session().engine().prepareClient();
                context.session().prepareToRun();
            });
            while (!context.quit().requested()) {
                String line;
                if (tips.isPresent()) {
                    foot.reading(CommandTips.ROWS);
                }
                try {
                    line = reader.readLine(runner.prompt());
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                } finally {
                    if (tips.isPresent()) {
                        foot.read();
                    }
                }
                awaitQuietly(prepared); // it adds the commands to the tree the line runs on
                runner.runLine(line);
            }
            return 0;
        }
    }

    /** The registry's failure, if any, is the completer's to report when it is used. */
    private static void awaitQuietly(CompletableFuture<Void> prepared) {
        try {
            prepared.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            // reported by the completer, which builds it again
        }
    }
}
