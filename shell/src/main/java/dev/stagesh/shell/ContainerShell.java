package dev.stagesh.shell;

import dev.stagesh.StageshException;
import dev.stagesh.docker.ExecSpec;
import dev.stagesh.docker.OutputSink;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.StageRun;
import dev.stagesh.engine.Toolbox;
import dev.stagesh.fs.FsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The interactive shell of a scratch container of the current snapshot, for every front end that
 * opens one (the prompt's {@code shell}, the debug console's through the editor's terminal): which
 * shell runs and how, and what {@code --keep} makes of it afterwards.
 */
public final class ContainerShell {
    /** On /dev/shm, a tmpfs of every container: the history file never reaches the committed layer. */
    static final String HISTORY = "/dev/shm/.stagesh_history";

    /** Run before each prompt: the commands typed since the last one, then the status they ended with. */
    static final String STATUS_HOOK = "__stagesh_status=$?; history -a; printf '" + ShellHistory.STATUS
            + "%s\\n' \"$__stagesh_status\" >> \"$HISTFILE\"";

    /**
     * What {@code --keep} made: the RUN line the new step stands for, the Dockerfile line it is
     * suggested after, and the commands left out of it because they exited non-zero.
     */
    public record Kept(String runLine, int afterLine, List<String> leftOut) {}

    private ContainerShell() {}

    /**
     * The shell to run, as the image's config says to run it (WORKDIR, USER; the container has its
     * ENV): bash with its history kept for --keep, else /bin/sh, else the toolbox's busybox sh.
     * What the user should know about the choice goes to {@code progress}.
     */
    public static ExecSpec spec(Session session, boolean keep, Consumer<String> progress) {
        Snapshot snap = session.snapshot();
        String workdir = snap.config().workingDir().isEmpty() ? "/" : snap.config().workingDir();
        List<String> env = keep
                // bash writes each command as it is typed (history -a), so nothing is lost however it exits,
                // and after it the status it exited with, so a command that failed is not suggested
                ? List.of("HISTFILE=" + HISTORY, "PROMPT_COMMAND=" + STATUS_HOOK, "HISTCONTROL=")
                : List.of();
        List<String> argv;
        if (keep && exists(session, "/bin/bash")) {
            // histappend: on exit bash appends (the exit itself) instead of rewriting the file without the statuses
            argv = List.of("/bin/bash", "--norc", "--noprofile", "-O", "histappend");
        } else if (exists(session, "/bin/sh")) {
            if (keep) {
                progress.accept("no bash in this snapshot: the commands are read from /bin/sh's history, "
                        + "which some shells (dash, a busybox built without it) do not keep");
            }
            argv = List.of("/bin/sh");
        } else {
            // no shell in the image: busybox's, with its applets, and the image's own PATH after them
            progress.accept("no /bin/sh in this snapshot: using stagesh's busybox (its applets come first in PATH)");
            String path = snap.config().envMap().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            argv = Toolbox.busybox("env", "PATH=" + Toolbox.MOUNT + ":" + path, Toolbox.BUSYBOX, "sh");
        }
        return new ExecSpec(argv, env, workdir, snap.config().user());
    }

    /**
     * After a {@code --keep} shell in {@code container} (still running): its changes become a new
     * step after the current one (the later steps pending), and its commands the RUN line that
     * step stands for. Refused, with nothing kept, when no command was recorded.
     */
    public static Kept keep(Session session, String container) {
        StageRun run = session.current();
        ShellHistory history = ShellHistory.parse(read(session, container));
        var line = history.runLine();
        if (line.isEmpty()) {
            throw new StageshException("shell --keep: no commands were recorded (typed none, or this image's shell keeps no "
                    + "history" + (history.failed().isEmpty() ? "" : "; left out, as they exited non-zero: "
                    + String.join("; ", history.failed())) + "); nothing kept");
        }
        int anchor = anchorLine(run);
        session.keepScratch(container, line.get());
        return new Kept(line.get(), anchor, history.failed());
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

    /** The history file of the running container, or "" when it is not there (read with the toolbox: any image). */
    private static String read(Session session, String container) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = session.engine().exec(container, Toolbox.busybox("cat", HISTORY), List.of(), "/", "0", new OutputSink() {
            @Override
            public void stdout(byte[] bytes, int offset, int length) {
                out.write(bytes, offset, length);
            }

            @Override
            public void stderr(byte[] bytes, int offset, int length) {}
        });
        return code == 0 ? out.toString(StandardCharsets.UTF_8) : "";
    }

    private static boolean exists(Session session, String path) {
        try {
            session.files().follow(path);
            return true;
        } catch (FsException e) {
            return false;
        }
    }
}
