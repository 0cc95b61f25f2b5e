package dev.stagesh.shell;

import java.util.List;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "type a command; 'help' lists them");
    }
}
