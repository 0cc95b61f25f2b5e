package dev.stagesh.shell;

import dev.stagesh.docker.ExecSpec;
import dev.stagesh.docker.OutputSink;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.Toolbox;
import dev.stagesh.fs.FsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
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
    /** On /dev/shm, a tmpfs of every container: the history file never reaches the committed layer. */
    static final String HISTORY = "/dev/shm/.stagesh_history";

    /** Run before each prompt: the commands typed since the last one, then the status they ended with. */
    static final String STATUS_HOOK = "__stagesh_status=$?; history -a; printf '" + ShellHistory.STATUS
            + "%s\\n' \"$__stagesh_status\" >> \"$HISTFILE\"";

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
        Snapshot snap = session().snapshot();
        ExecSpec shell = shell(snap);
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
        try (Terminal own = TerminalBuilder.builder().system(true).build()) {
            return use.run(own);
        }
    }

    /**
     * The shell to run, as the image's config says to run it (WORKDIR, USER; the container has its
     * ENV): bash with its history kept for --keep, else /bin/sh, else the toolbox's busybox sh.
     */
    private ExecSpec shell(Snapshot snap) {
        String workdir = snap.config().workingDir().isEmpty() ? "/" : snap.config().workingDir();
        List<String> env = keep
                // bash writes each command as it is typed (history -a), so nothing is lost however it exits,
                // and after it the status it exited with, so a command that failed is not suggested
                ? List.of("HISTFILE=" + HISTORY, "PROMPT_COMMAND=" + STATUS_HOOK, "HISTCONTROL=")
                : List.of();
        List<String> argv;
        if (keep && exists("/bin/bash")) {
            // histappend: on exit bash appends (the exit itself) instead of rewriting the file without the statuses
            argv = List.of("/bin/bash", "--norc", "--noprofile", "-O", "histappend");
        } else if (exists("/bin/sh")) {
            if (keep) {
                printer().progress("no bash in this snapshot: the commands are read from /bin/sh's history, "
                        + "which some shells (dash, a busybox built without it) do not keep");
            }
            argv = List.of("/bin/sh");
        } else {
            // no shell in the image: busybox's, with its applets, and the image's own PATH after them
            printer().progress("no /bin/sh in this snapshot: using stagesh's busybox (its applets come first in PATH)");
            argv = Toolbox.busybox("env", "PATH=" + Toolbox.MOUNT + ":" + path(snap), Toolbox.BUSYBOX, "sh");
        }
        return new ExecSpec(argv, env, workdir, snap.config().user());
    }

    /** After the shell: the changes become a step, and its commands a suggested RUN line. */
    private int keep(String container, StageRun run) throws Exception {
        ShellHistory history = ShellHistory.parse(read(container, HISTORY));
        var line = history.runLine();
        for (String left : history.failed()) {
            printer().progress("left out of the RUN line (it exited non-zero): " + left);
        }
        if (line.isEmpty()) {
            printer().error("shell --keep: no commands were recorded (typed none, or this image's shell keeps no "
                    + "history); nothing kept");
            return 1;
        }
        int anchor = anchorLine(run);
        session().keepScratch(container, line.get());
        printer().progress("kept as step " + run.position() + " of " + run.label() + "; the steps after it are pending");
        printer().progress("suggested for " + session().dockerfile().fileName() + " after line " + anchor + ":");
        printer().line(line.get());
        if (!context.interactive()) {
            return 0;
        }
        String answer = System.console().readLine("insert it into the Dockerfile? [y/N] ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            return 0;
        }
        DockerfileInsertion.insertAfter(Path.of(session().dockerfile().fileName()), anchor, line.get());
        Reloads.reportAndRewind(context);
        return 0;
    }

    /** The last Dockerfile line of the steps done so far (a step kept earlier is not in the file). */
    private static int anchorLine(StageRun run) {
        for (int i = run.position() - 1; i >= 0; i--) {
            Instruction ins = run.steps().get(i);
            if (!run.keptFromShell(ins)) {
                return ins.node().endLine();
            }
        }
        return run.steps().get(0).node().endLine();
    }

    /** A file of the running container, or "" when it is not there (read with the toolbox: any image). */
    private String read(String container, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = session().engine().exec(container, Toolbox.busybox("cat", path), List.of(), "/", "0", new OutputSink() {
            @Override
            public void stdout(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
            }

            @Override
            public void stderr(byte[] bytes, int offset, int length) {}
        });
        return code == 0 ? out.toString(StandardCharsets.UTF_8) : "";
    }

    private boolean exists(String path) {
        try {
            session().files().follow(path);
            return true;
        } catch (FsException e) {
            return false;
        }
    }

    private static String path(Snapshot snap) {
        return snap.config().envMap().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
