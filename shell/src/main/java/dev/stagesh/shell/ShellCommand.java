package dev.stagesh.shell;

import dev.stagesh.StageshException;
import dev.stagesh.console.SystemTerminals;
import dev.stagesh.docker.ExecSpec;
import dev.stagesh.engine.StageRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "shell", description = {
    "An interactive shell in a throwaway container of the current snapshot, which stays unchanged. "
        + "Works in scratch and distroless stages: a static busybox is brought in.",
    "With --keep, what you change there becomes a new step after the current one (the later steps are "
        + "pending again, as after an edit), and the commands you typed are offered as a RUN line to insert "
        + "into the Dockerfile after the current line (asked y/N at a terminal; in scripts only printed). "
        + "The commands are read from the shell's history: bash where the image has it, else its /bin/sh."})
final class ShellCommand extends SessionCommand {
    @Option(names = "--keep", description = "Keep the changes as a new step and suggest a RUN line for them.")
    boolean keep;

    @Override
    int execute() throws Exception {
        if (System.console() == null) {
            printer().error("shell: needs a terminal (in scripts, use exec)");
            return 1;
        }
        StageRun run = session().current();
        if (keep && run.failure() != null) {
            printer().error("shell --keep: step " + run.failure().step() + " failed here; 'back' first");
            return 1;
        }
        ExecSpec shell = ContainerShell.spec(session(), keep, printer()::progress);
        String container = session().scratchContainer();
        try {
            session().startScratchContainer(container);
            int code = onTerminal(terminal -> TerminalBridge.run(terminal,
                    session().engine().execTty(container, shell, TerminalBridge.size(terminal))));
            if (!keep) {
                if (code != 0 && code != 130) { // 130: the last command typed was cut short with Ctrl-C
                    printer().error("shell: exited with code " + code);
                    return code;
                }
                return 0;
            }
            return keep(container, run);
        } finally {
            session().discardScratchContainer(container);
        }
    }

    private interface OnTerminal {
        int run(Terminal terminal) throws IOException;
    }

    /** The prompt's terminal; in script mode at a terminal, one opened for the shell alone. */
    private int onTerminal(OnTerminal use) throws IOException {
        var prompt = context.terminal().current();
        if (prompt.isPresent()) {
            return use.run(prompt.get());
        }
        try (Terminal own = SystemTerminals.open(false)) {
            return use.run(own);
        }
    }

    /** After the shell: the changes become a step, and its commands a suggested RUN line. */
    private int keep(String container, StageRun run) throws Exception {
        ContainerShell.Kept kept;
        try {
            kept = ContainerShell.keep(session(), container);
        } catch (StageshException e) {
            printer().error(e.getMessage());
            return 1;
        }
        for (String left : kept.leftOut()) {
            printer().progress("left out of the RUN line (it exited non-zero): " + left);
        }
        printer().progress("kept as step " + run.position() + " of " + run.label() + "; the steps after it are pending");
        printer().progress("suggested for " + session().dockerfile().fileName() + " after line " + kept.afterLine() + ":");
        printer().line(kept.runLine());
        if (!context.interactive()) {
            return 0;
        }
        String answer = System.console().readLine("insert it into the Dockerfile? [y/N] ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            return 0;
        }
        DockerfileInsertion.insertAfter(Path.of(session().dockerfile().fileName()), kept.afterLine(), kept.runLine());
        Reloads.reportAndRewind(context);
        return 0;
    }
}
