package dev.stagesh.shell;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.docker.OutputSink;
import dev.stagesh.engine.ImageConfig;
import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.Toolbox;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exec", modelTransformer = ExecCommand.StopAtCommand.class,
        description = "Run a one-off command in a throwaway container of the current snapshot, with the environment "
                + "'env' shows, the WORKDIR and the USER; output is streamed and a non-zero exit fails the command. "
                + "The snapshot is not changed. CMD runs as given (no shell): in images without tools, busybox "
                + "applets work as '" + Toolbox.BUSYBOX + " APPLET ...'.")
final class ExecCommand extends InspectCommand {
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "run as USER instead of the stage's") String user;
    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "run in DIR instead of the WORKDIR") String dir;
    @Parameters(arity = "1..*", paramLabel = "CMD") List<String> argv;

    /** Everything after the command's name belongs to it: {@code exec ls -l /} passes -l to ls. */
    static final class StopAtCommand implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }

    @Override
    int run() {
        Snapshot snapshot = session().snapshot();
        ImageConfig config = snapshot.config();
        List<String> env = session().scope().runEnv().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        String workdir = dir != null ? Paths.absolute(workdir(), dir) : workdir();
        String as = user != null ? user : config.user().isEmpty() ? "0" : config.user();
        Engine engine = session().engine();
        var toolbox = new Toolbox(engine).mount();
        String id = engine.createContainer(new ContainerSpec(snapshot.imageId(), List.of(argv.get(0)),
                argv.subList(1, argv.size()), env, workdir, as, session().id().labels(), List.of(toolbox), null));
        java.util.OptionalInt code;
        try {
            code = session().runCancellable(id, new Forward(printer().out(), printer().err()));
        } catch (EngineException e) {
            return fail(startFailure(argv.get(0), e.getMessage()));
        } finally {
            printer().out().flush();
            engine.removeContainer(id);
        }
        if (code.isEmpty()) {
            return fail(argv.get(0) + ": cancelled");
        }
        if (code.getAsInt() != 0) {
            return fail(argv.get(0) + " exited with code " + code.getAsInt());
        }
        return 0;
    }

    /** The engine's words for a process that could not start, without the runtime's layers of prefixes. */
    static String startFailure(String command, String message) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        // runc says "executable file not found in $PATH"; crun (Podman) "executable file `ls` not found"
        if (lower.contains("executable file not found") || lower.matches("(?s).*executable file `[^`]*` not found.*")) {
            return command + ": executable file not found in $PATH";
        }
        if (lower.contains("no such file or directory")) {
            return command + ": no such file or directory";
        }
        if (lower.contains("permission denied")) {
            return command + ": permission denied";
        }
        return "cannot start " + command + ": " + m;
    }

    /** The container's stdout to ours, its stderr to ours, as the bytes come. */
    private record Forward(PrintStream out, PrintStream err) implements OutputSink {
        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            out.write(bytes, offset, length);
            out.flush();
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            err.write(bytes, offset, length);
            err.flush();
        }
    }
}
