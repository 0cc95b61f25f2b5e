package dev.stagesh.dap;

import dev.stagesh.StageshException;
import dev.stagesh.docker.ExecSpec;
import dev.stagesh.engine.Session;
import dev.stagesh.shell.ContainerShell;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code shell} in the debug console (and buildx's bare {@code exec}): a running container of the
 * frame's snapshot (the toolbox mounted, so scratch and distroless images get busybox's sh) and
 * the command the editor's terminal runs for it (DAP's runInTerminal): stagesh itself, attached
 * to the shell through the engine's API. Without --keep that command removes the container when
 * the shell exits; the session's end removes it otherwise.
 */
final class TerminalShell {
    /** What the editor's terminal runs, and the container it works in. */
    record Opened(String container, List<String> args, String title) {}

    /** A line of the console that asks for a shell. */
    record Request(boolean keep) {
        /** Empty when the line asks for something else; refused when it asks for a shell wrongly. */
        static Optional<Request> of(String line) {
            List<String> words = List.of(line.strip().split("\\s+"));
            if (words.equals(List.of("exec"))) {
                return Optional.of(new Request(false)); // what buildx's clients send for a shell
            }
            if (!words.get(0).equals("shell")) {
                return Optional.empty();
            }
            if (words.size() == 1) {
                return Optional.of(new Request(false));
            }
            if (words.equals(List.of("shell", "--keep"))) {
                return Optional.of(new Request(true));
            }
            throw new StageshException("shell takes only --keep (got '" + line.strip() + "')");
        }
    }

    private TerminalShell() {}

    /**
     * Starts the container and makes the terminal's command; {@code endSocket} as in
     * {@link ShellAttach}. Whatever the user should know of the shell chosen goes to {@code progress}.
     */
    static Opened open(Session session, JavaLauncher launcher, Path endSocket, Consumer<String> progress) {
        ExecSpec exec = ContainerShell.spec(session, endSocket != null, progress);
        String container = session.scratchContainer();
        session.startScratchContainer(container);
        List<String> args = launcher.command(new ShellAttach(session.engine().endpoint(), container, exec, endSocket).args());
        return new Opened(container, args,
                "stagesh shell: " + session.current().label() + " step " + session.current().position());
    }
}
