package dev.stagesh.dap;

import dev.stagesh.engine.Session;
import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.Toolbox;
import dev.stagesh.fs.FsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code shell} in the debug console: a running container of the frame's snapshot (the toolbox
 * mounted, so scratch and distroless images get busybox's sh) and the command that opens an
 * interactive shell in it, for the editor to run in its terminal (DAP's runInTerminal). The
 * command removes the container when the shell exits; the session's end removes it otherwise.
 * The snapshot never changes ({@code shell --keep} is the prompt's).
 */
final class TerminalShell {
    /** What the editor's terminal runs, and the container it works in. */
    record Opened(String container, List<String> args, Map<String, String> env, String title) {}

    private TerminalShell() {}

    static Opened open(Session session) {
        Snapshot snap = session.snapshot();
        String container = session.scratchContainer();
        session.startScratchContainer(container);
        List<String> exec = new ArrayList<>(List.of("docker", "exec", "-it"));
        String workdir = snap.config().workingDir();
        exec.addAll(List.of("-w", workdir.isEmpty() ? "/" : workdir));
        if (!snap.config().user().isEmpty()) {
            exec.addAll(List.of("-u", snap.config().user()));
        }
        exec.add(container);
        if (exists(session, "/bin/sh")) {
            exec.add("/bin/sh");
        } else {
            String path = snap.config().envMap().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            exec.addAll(Toolbox.busybox("env", "PATH=" + Toolbox.MOUNT + ":" + path, Toolbox.BUSYBOX, "sh"));
        }
        String line = String.join(" ", exec.stream().map(TerminalShell::quote).toList())
                + "; docker rm -f " + container + " >/dev/null";
        // the terminal's docker CLI must reach the session's engine
        Map<String, String> env = session.engine().where().equals("unix:///var/run/docker.sock")
                ? Map.of() : Map.of("DOCKER_HOST", session.engine().where());
        return new Opened(container, List.of("/bin/sh", "-c", line), env,
                "stagesh shell: " + session.current().label() + " step " + session.current().position());
    }

    private static boolean exists(Session session, String path) {
        try {
            session.files().follow(path);
            return true;
        } catch (FsException e) {
            return false;
        }
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
