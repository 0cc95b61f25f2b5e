package dev.stagesh.cli;

import dev.stagesh.console.ErrorMessages;
import dev.stagesh.console.Printer;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineConnector;
import dev.stagesh.docker.EngineUnavailableException;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.SessionGround;
import dev.stagesh.engine.SessionOptions;
import dev.stagesh.shell.ConsoleListener;
import dev.stagesh.shell.InteractiveShell;
import dev.stagesh.shell.PromptOpening;
import dev.stagesh.shell.ShellCommands;
import dev.stagesh.shell.ShellContext;
import dev.stagesh.shell.ShellRunner;
import dev.stagesh.engine.Reaper;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stagesh [options] [DOCKERFILE]}: opens a debugging session over a Dockerfile, then
 * reads commands from the terminal, or from stdin / -c in script mode.
 */
@Command(name = "stagesh", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "An interactive debugger for Dockerfiles: step through a build, inspect any step, commit any stage.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all commands succeeded", "1:a command failed (script mode) or bad input",
            "2:no Docker engine answers"})
public final class StageshCommand implements Callable<Integer> {
    /**
     * The subcommands, by name, in the order usage lists them. picocli reflects over a command
     * to build its model, a cost every start paid for all of them; now only those named on the
     * command line are added (all of them for help and completion), which parses the same.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = orderedSubcommands();

    private static Map<String, Supplier<Object>> orderedSubcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("parse", ParseCommand::new);
        m.put("build", BuildCommand::new);
        m.put("check", CheckCommand::new);
        m.put("prune", PruneCommand::new);
        m.put("dap", DapCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("__complete", CompleteCommand::new);
        m.put(dev.stagesh.dap.ShellAttach.COMMAND, AttachShellCommand::new);
        return Collections.unmodifiableMap(m);
    }

    @Mixin
    BuildOptions build;

    @Option(names = {"-c", "--exec"}, paramLabel = "COMMANDS",
            description = "Run these commands (separated by ';') as in script mode, then quit.")
    String exec;

    @Option(names = "--keep", description = "Keep the session's snapshot images when it ends.")
    boolean keep;

    /** The engine connection being opened in the background; null for commands that need none. */
    EngineFuture engineFuture;
    /** The prompt's terminal, when {@link #run} began opening it; this command closes it. */
    private PromptOpening opening;

    /** The engine, connected on demand when it was not started in the background. */
    Engine engine() {
        return engineFuture != null ? engineFuture.get() : EngineConnector.connect();
    }

    public static int run(String[] args, EngineFuture engine) {
        var plain = PlainArguments.of(args, SUBCOMMANDS.keySet());
        // a session at a terminal opens it before anything else: it is the longest part of the way to the prompt
        PromptOpening early = plain.isPresent() && plain.get() instanceof PlainArguments.Session && System.console() != null
                ? PromptOpening.start() : null;
        StageshCommand root = new StageshCommand();
        root.engineFuture = engine;
        if (plain.isPresent()) {
            // a session, an editor's launch or a build: picocli's model is not built at all (see PlainArguments)
            try {
                if (plain.get() instanceof PlainArguments.Session s) {
                    root.build = s.options();
                    root.keep = s.keep();
                    root.opening = early;
                    return root.call();
                }
                if (plain.get() instanceof PlainArguments.Build b) {
                    return BuildCommand.of(root, b).call();
                }
                return DapCommand.of(root, plain.get().options()).call();
            } catch (Exception e) {
                return failed(e);
            }
        }
        CommandLine cl = commandLine(root, args);
        if (List.of(args).stream().anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("help"))) {
            // --help wraps at the terminal's width, and is plain: stagesh colours through JLine alone
            // (set only for help: picocli's help classes are not loaded on the way to a prompt)
            cl.setUsageHelpAutoWidth(true);
            cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failed(ex));
        cl.setParameterExceptionHandler((ex, a) -> {
            Printer.system(false).error(ex.getMessage() + " (stagesh --help)");
            return 2;
        });
        return cl.execute(args);
    }

    /** A command's failure: its one line (none once a signal is ending the process), and the exit code. */
    private static int failed(Exception ex) {
        if (!ShutdownHook.stopping()) {
            Printer.system(false).error(ErrorMessages.of(ex));
        }
        return ex instanceof EngineUnavailableException ? 2 : 1;
    }

    /** The command line for these arguments: the root, with the subcommands they may name. */
    static CommandLine commandLine(StageshCommand root, String[] args) {
        CommandLine cl = new CommandLine(root);
        List<String> words = List.of(args);
        // completing a line needs every subcommand's model, as help does
        boolean all = words.stream().anyMatch(w -> w.equals("-h") || w.equals("--help") || w.equals("help")
                || w.equals("__complete"));
        // a word that names a subcommand may be an option's value (--target build): adding the
        // subcommand then changes nothing
        SUBCOMMANDS.forEach((name, command) -> {
            if (all || words.contains(name)) {
                cl.addSubcommand(name, command.get());
            }
        });
        CommandLine complete = cl.getSubcommands().get("__complete");
        if (complete != null) {
            complete.setUnmatchedOptionsArePositionalParams(true); // the words to complete are options too
        }
        // "build" is the most common stage name of all: --target build names a stage (set last:
        // the setting reaches only the subcommands there are when it is made)
        cl.setAllowSubcommandsAsOptionParameters(true);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        boolean interactive = exec == null && System.console() != null;
        // what a command prints after a signal began ending the process is noise: silenced
        Printer printer = new Printer(ShutdownHook.silencedWhenStopping(new FileOutputStream(FileDescriptor.out)),
                ShutdownHook.silencedWhenStopping(new FileOutputStream(FileDescriptor.err)),
                interactive && System.getenv("NO_COLOR") == null);
        // the prompt's terminal and the commands' picocli model are made while the session opens, the
        // terminal first: it is the longest (JLine's native set-up, the line reader's key maps)
        try (PromptOpening terminal = !interactive ? null : opening != null ? opening : PromptOpening.start()) {
            SessionOptions options = build.sessionOptions(keep);
            CompletableFuture<CommandLine> commands = ShellCommands.modelInBackground();
            // the Dockerfile and context are read while the engine is still being connected
            Session.Sources sources = Session.read(options);
            return run(printer, options, sources, commands, terminal);
        }
    }

    private int run(Printer printer, SessionOptions options, Session.Sources sources, CompletableFuture<CommandLine> commands,
            PromptOpening terminal) throws Exception {
        boolean interactive = terminal != null;
        try (Engine engine = engine()) {
            engine.onNotice(message -> printer.error(message));
            if (!interactive) {
                engine.prepareClient(); // a script's commands come at once; the prompt asks once it shows
            }
            ConsoleListener steps = new ConsoleListener(printer);
            Session session = Session.open(SessionGround.on(engine), sources, steps);
            if (terminal != null) {
                session.readAhead(terminal.firstPromptDrawn()); // the prompt's drawing goes first
            } else {
                session.readAhead();
            }
            SessionEnd end = new SessionEnd(engine, session, keep);
            try (var hook = ShutdownHook.closing(end)) {
                // housekeeping of other, dead sessions: off the way to the first prompt
                CompletableFuture<Void> reaping = CompletableFuture.runAsync(() -> reapDeadSessions(engine, printer));
                try {
                    ShellContext context = new ShellContext(session, printer, new ShellContext.QuitSignal(), interactive);
                    ShellRunner runner = new ShellRunner(context, commands);
                    if (exec != null) {
                        return runner.runLine(exec) == 0 ? 0 : 1;
                    }
                    if (!interactive) {
                        return runner.runScript(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
                    }
                    return new InteractiveShell(runner, context, steps, terminal).run();
                } finally {
                    reaping.join();
                    end.run();
                }
            }
        }
    }

    /** What sessions killed earlier (SIGKILL, a crash) left on the engine goes now, and is said. */
    private static void reapDeadSessions(Engine engine, Printer printer) {
        try {
            Reaper.Pruned p = Reaper.reapDeadSessions(engine);
            if (p.any()) {
                printer.progress("removed what killed stagesh sessions left: " + p.containers() + " containers, "
                        + p.images() + " images" + (p.volumes() > 0 ? ", " + p.volumes() + " volumes" : ""));
            }
        } catch (RuntimeException e) {
            printer.error("could not remove what killed sessions left (" + ErrorMessages.of(e) + "); 'stagesh prune' does");
        }
    }

    /** The Dockerfile: -f, else the positional argument, else ./Dockerfile. */
    static Path dockerfile(Path file, Path positional) {
        Path p = file != null ? file : positional != null ? positional : Path.of("Dockerfile");
        if (Files.isDirectory(p)) {
            p = p.resolve("Dockerfile");
        }
        return p;
    }
}
