package dev.stagesh.shell;

import dev.stagesh.Background;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands typed at the stagesh prompt. Each is a picocli command, so {@code help},
 * completion and the error messages come from one definition.
 */
@Command(name = "", description = "Commands at the stagesh prompt.")
public final class ShellCommands implements Runnable {
    /** Every command, in the order help lists them; {@link CommandTree} builds each when first used. */
    static final List<Class<?>> ALL = List.of(
            ListCommand.class, StagesCommand.class, NextCommand.class, ContinueCommand.class, IntoCommand.class,
            BackCommand.class, RestartCommand.class, LsCommand.class, CatCommand.class, EnvCommand.class,
            ConfigCommand.class, HistoryCommand.class, CommitCommand.class, BreakCommand.class, BreaksCommand.class,
            DeleteCommand.class, UntilCommand.class, ReloadCommand.class, EditCommand.class, ShellCommand.class,
            TreeCommand.class, FindCommand.class, StatCommand.class, GrepCommand.class, DiffCommand.class,
            LayersCommand.class, ContextCommand.class, CheckCommand.class, CpCommand.class, ExecCommand.class, HelpCommand.class,
            QuitCommand.class);

    /**
     * The root of the commands' picocli tree, built on a thread of its own: picocli's first model,
     * whichever command it is, costs about 70 ms of CPU (its classes' initialisation, the
     * reflection it starts with), which then overlaps opening the session instead of following it.
     * The commands themselves are built when first used ({@link CommandTree}).
     */
    public static CompletableFuture<CommandLine> modelInBackground() {
        return Background.supply("stagesh-commands", () -> new CommandLine(new ShellCommands()));
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "type a command; 'help' lists them");
    }
}
