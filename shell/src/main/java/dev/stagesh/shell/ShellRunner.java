package dev.stagesh.shell;

import dev.stagesh.console.ErrorMessages;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.StepFailedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * Reads commands and runs them. Script mode (stdin not a terminal, or -c) is the contract
 * every test drives stagesh through: one command per line, only what the commands print,
 * stop at the first failure with exit 1, exit 0 when all succeed.
 */
public final class ShellRunner {
    private final ShellContext context;
    private final CommandTree tree;
    /** Hidden, for scripts/bench: each command's elapsed time on stderr, measured inside one session. */
    private final boolean timing = System.getenv("STAGESH_TIMING") != null;

    public ShellRunner(ShellContext context) {
        this(context, ShellCommands.modelInBackground());
    }

    /** With the commands' root, being built ({@link ShellCommands#modelInBackground}). */
    public ShellRunner(ShellContext context, CompletableFuture<CommandLine> root) {
        this.context = context;
        this.tree = new CommandTree(root.thenApply(commands -> configured(commands, context)), new ShellFactory(context));
    }

    /** The root, with the case rule its commands take and the handlers that print their failures. */
    private static CommandLine configured(CommandLine commands, ShellContext context) {
        commands.setCaseInsensitiveEnumValuesAllowed(true);
        commands.setExecutionExceptionHandler((ex, cl, parsed) -> report(ex, context));
        commands.setParameterExceptionHandler((ex, args) -> {
            String message = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine() == commands) {
                message = "unknown command '" + (args.length > 0 ? args[0] : "") + "'; 'help' lists the commands";
            } else if (ex.getCommandLine() != commands) {
                message = ex.getCommandLine().getCommandName() + ": " + message;
            }
            context.printer().error(message);
            return 1;
        });
        return commands;
    }

    /** Every command, built (for completion). */
    public CommandLine commands() {
        return tree.complete();
    }

    /** Every name and alias a command can be typed by, without building the commands. */
    public Set<String> commandNames() {
        return tree.names();
    }

    /** Script mode over lines; {@code #} starts a comment line. */
    public int runScript(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (runLine(line) != 0) {
                return 1;
            }
            if (context.quit().requested()) {
                return 0;
            }
        }
        return 0;
    }

    /** Runs every command of one line in turn; stops at the first that fails. */
    public int runLine(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return 0;
        }
        List<List<String>> parsed;
        try {
            parsed = CommandSplitter.split(trimmed);
        } catch (IllegalArgumentException e) {
            context.printer().error(e.getMessage());
            return 1;
        }
        for (List<String> words : parsed) {
            long start = System.nanoTime();
            long cpu = timing ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0;
            int status = tree.forWord(words.get(0)).execute(words.toArray(String[]::new));
            if (timing) {
                System.out.flush();
                System.err.printf("stagesh-timing %.1f ms %s%n", (System.nanoTime() - start) / 1e6, String.join(" ", words));
                // the reading thread's own CPU time: on a loaded machine the wall time is mostly waiting for a core
                System.err.printf("stagesh-cpu %.1f ms %s%n", (java.lang.management.ManagementFactory.getThreadMXBean()
                        .getCurrentThreadCpuTime() - cpu) / 1e6, String.join(" ", words));
            }
            announceWarnings();
            if (status != 0) {
                return status;
            }
            if (context.quit().requested()) {
                return 0;
            }
        }
        return 0;
    }

    /** Build check warnings of the steps just reached; a check that cannot run must not fail the command. */
    private void announceWarnings() {
        if (context.quit().requested()) {
            return; // the session is ending: nothing more to say about its steps
        }
        try {
            context.checks().announceReached(context.printer());
        } catch (RuntimeException e) {
            context.printer().error("build checks: " + ErrorMessages.of(e));
        }
    }

    /** The prompt: stage, step n/m and its state. */
    public String prompt() {
        StageRun run = context.session().current();
        String state = run.failure() != null ? " failed" : "";
        return "stage " + run.stage().displayName() + " " + run.position() + "/" + run.total() + state + " > ";
    }

    private static int report(Exception ex, ShellContext context) {
        if (ex instanceof dev.stagesh.engine.StageFailedException s && s.getCause() instanceof StepFailedException f) {
            context.printer().error(ErrorMessages.of(s)); // names the stage that ran beside others; then its report
            ex = f;
        }
        if (ex instanceof StepFailedException f) {
            var kept = context.session().stages().stream().filter(r -> r.failure() == f.failure()).findFirst();
            var run = kept.orElse(context.session().current());
            FailureReport.print(context.printer(), f.failure(),
                    context.session().undeclaredGlobalArgs(run, f.failure().step() - 1), kept.isPresent());
        } else {
            context.printer().error(ErrorMessages.of(ex));
        }
        return 1;
    }
}
