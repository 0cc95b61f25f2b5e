package dev.stagesh.cli;

import dev.stagesh.dap.DapServer;
import dev.stagesh.dap.LaunchConfig;
import dev.stagesh.dap.SessionOpener;
import dev.stagesh.docker.Engine;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.StepListener;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stagesh dap}: the debugger as a Debug Adapter Protocol server on stdin/stdout, for
 * editors. The flags are the shell's; a launch request's arguments (buildx dap's names) go on
 * top of them. The session is opened at launch, and ended at disconnect, at terminate, when
 * the editor goes away, or on a signal.
 */
@Command(name = "dap", description = "Serve the Debug Adapter Protocol on stdin/stdout (an editor's debugger drives the session).")
final class DapCommand implements Callable<Integer> {
    @Mixin
    BuildOptions build;

    @ParentCommand
    StageshCommand root;

    private Engine engine;
    private ShutdownHook hook;

    @Override
    public Integer call() {
        // stdout carries the protocol alone: anything else printed by mistake goes to stderr
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        LaunchConfig defaults = new LaunchConfig(build.file != null ? build.file : build.positional, build.context,
                build.target, false, build.buildArgs, build.secrets, build.noCache);
        try {
            new DapServer(this::open, defaults, Path.of("").toAbsolutePath()).serve(new FileInputStream(FileDescriptor.in), protocol);
        } finally {
            if (hook != null) {
                hook.close();
            }
            if (engine != null) {
                engine.close();
            }
        }
        return 0;
    }

    /** Opens the session a launch asks for, as the shell opens its own; the adapter's {@link SessionOpener}. */
    private SessionOpener.Opened open(LaunchConfig config, StepListener listener) {
        BuildOptions options = new BuildOptions();
        options.file = config.dockerfile();
        options.context = config.context();
        options.target = config.target();
        options.noCache = config.noCache();
        options.buildArgs = config.buildArgs();
        options.secrets = config.secrets();
        var sessionOptions = options.sessionOptions(false);
        if (engine == null) {
            engine = root.engine();
        }
        Session session = Session.open(engine, sessionOptions, listener);
        SessionEnd end = new SessionEnd(engine, session, false);
        hook = ShutdownHook.closing(end);
        return new SessionOpener.Opened(session, end);
    }
}
