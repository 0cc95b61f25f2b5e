package dev.stagesh.cli;

import dev.stagesh.console.SystemTerminals;
import dev.stagesh.dap.ShellAttach;
import dev.stagesh.dap.ShellEnd;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineConnector;
import dev.stagesh.docker.EngineEndpoint;
import dev.stagesh.docker.EngineNotFoundException;
import dev.stagesh.docker.ExecSpec;
import dev.stagesh.shell.TerminalBridge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stagesh attach-shell}: what {@code stagesh dap} asks the editor's terminal to run for a
 * {@code shell} (the command line is {@link ShellAttach}'s). It attaches this terminal to a shell
 * in the session's container through the engine's API, as {@code docker exec -it} would without
 * the CLI, exits with the shell's code, and then removes the container, or (for --keep) leaves it
 * to the session and tells it the shell ended. Hidden: editors run it, not people.
 */
@Command(name = ShellAttach.COMMAND, hidden = true,
        description = "Attach this terminal to a shell in a debug session's container (run by stagesh dap's editor).")
final class AttachShellCommand implements Callable<Integer> {
    @Option(names = ShellAttach.HOST, required = true, paramLabel = "ADDRESS", description = "The session's engine.")
    String host;

    @Option(names = ShellAttach.CERTS, paramLabel = "DIR", description = "ca.pem, cert.pem and key.pem for TLS.")
    Path certs;

    @Option(names = ShellAttach.WORKDIR, paramLabel = "DIR", description = "Where the shell starts.")
    String workdir = "";

    @Option(names = ShellAttach.USER, paramLabel = "USER", description = "Who the shell runs as.")
    String user = "";

    @Option(names = ShellAttach.ENV, paramLabel = "NAME=VALUE", description = "Set in the shell's environment.")
    List<String> env = new ArrayList<>();

    @Option(names = ShellAttach.NOTIFY, paramLabel = "SOCKET",
            description = "Leave the container to the session and tell it on this socket that the shell ended.")
    Path endSocket;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The session's container.")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ARGV", description = "The shell to run, after --.")
    List<String> argv;

    /** What the command line asks for, as the debug session wrote it. */
    ShellAttach asked() {
        return new ShellAttach(EngineEndpoint.given(host, certs, ShellAttach.HOST), container,
                new ExecSpec(argv, env, workdir, user), endSocket);
    }

    @Override
    public Integer call() throws IOException {
        ShellAttach asked = asked();
        int code = -1;
        try (Engine engine = EngineConnector.connect(asked.endpoint())) {
            if (!engine.isRunning(asked.container())) {
                throw new EngineNotFoundException("attach-shell: no running container " + asked.container() + " at "
                        + asked.endpoint().host() + " (its debug session has ended, or its shell was closed)");
            }
            try (Terminal terminal = SystemTerminals.open(false)) {
                code = TerminalBridge.run(terminal, engine.execTty(asked.container(), asked.exec(), TerminalBridge.size(terminal)));
            } finally {
                if (asked.endSocket() == null) {
                    engine.removeContainer(asked.container());
                }
            }
        } finally {
            if (asked.endSocket() != null) {
                ShellEnd.tell(asked.endSocket(), code);
            }
        }
        return code;
    }
}
