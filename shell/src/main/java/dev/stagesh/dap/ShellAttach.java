package dev.stagesh.dap;

import dev.stagesh.docker.EngineEndpoint;
import dev.stagesh.docker.ExecSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the editor's terminal is asked to run for a shell: stagesh's hidden {@value #COMMAND},
 * which opens the exec with a terminal through the engine's API (no docker CLI) on the engine the
 * session uses, named outright so the terminal's own DOCKER_HOST, context or TLS settings do not
 * matter. The option names are here once, for the command line made and the command that reads it.
 *
 * @param endSocket null: the shell's end removes the container; else ({@code shell --keep}) the
 *               container is left to the session, which is told on this Unix socket that the
 *               shell ended, with its exit code
 */
public record ShellAttach(EngineEndpoint endpoint, String container, ExecSpec exec, Path endSocket) {
    public static final String COMMAND = "attach-shell";
    public static final String HOST = "--host";
    public static final String CERTS = "--tls-certs";
    public static final String WORKDIR = "--workdir";
    public static final String USER = "--user";
    public static final String ENV = "--env";
    public static final String NOTIFY = "--notify";

    /** stagesh's arguments: the subcommand, its options, the container, then the shell's argv after "--". */
    public List<String> args() {
        List<String> a = new ArrayList<>(List.of(COMMAND, HOST, endpoint.host().toString()));
        if (endpoint.tls()) {
            a.addAll(List.of(CERTS, endpoint.certPath().toString()));
        }
        if (!exec.workingDir().isEmpty()) {
            a.addAll(List.of(WORKDIR, exec.workingDir()));
        }
        if (!exec.user().isEmpty()) {
            a.addAll(List.of(USER, exec.user()));
        }
        for (String e : exec.env()) {
            a.addAll(List.of(ENV, e));
        }
        if (endSocket != null) {
            a.addAll(List.of(NOTIFY, endSocket.toString()));
        }
        a.add(container);
        a.add("--");
        a.addAll(exec.argv());
        return a;
    }
}
