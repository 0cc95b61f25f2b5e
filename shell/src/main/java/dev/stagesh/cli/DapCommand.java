package dev.stagesh.cli;

import dev.stagesh.dap.DapServer;
import dev.stagesh.dap.LaunchConfig;
import dev.stagesh.dap.SessionOpener;
import dev.stagesh.docker.Engine;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.SessionGround;
import dev.stagesh.engine.StepListener;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
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

    /**
     * The session's ground, laid on its own thread as soon as the adapter starts (the engine
     * connected, the network holder starting), so the holder's container start overlaps the
     * editor's handshake instead of the first RUN; null when no engine answered (launch then
     * says why). A launch's session takes it.
     */
    private final CompletableFuture<SessionGround> early = new CompletableFuture<>();
    // guarded by this: the early thread, the worker (launch) and the main thread's end touch them
    private Engine engine;
    private SessionGround untaken;
    /** Its end, the one its shutdown hook runs too (so it runs once). */
    private SessionEnd untakenEnd;
    private ShutdownHook hook;

    /** The command as picocli would make it for these options, for a line read without it ({@link PlainArguments}). */
    static DapCommand of(StageshCommand root, BuildOptions options) {
        DapCommand d = new DapCommand();
        d.root = root;
        d.build = options;
        return d;
    }

    @Override
    public Integer call() {
        Thread warming = new Thread(DapCommand::warmProtocol, "stagesh-dap-warm");
        warming.setDaemon(true);
        warming.start();
        // stdout carries the protocol alone: anything else printed by mistake goes to stderr
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        LaunchConfig defaults = new LaunchConfig(build.file != null ? build.file : build.positional, build.context,
                build.target, false, build.buildArgs, build.secrets, build.noCache);
        Thread laying = new Thread(this::layGround, "stagesh-dap-ground");
        laying.setDaemon(true);
        laying.start();
        try {
            new DapServer(this::open, defaults, Path.of("").toAbsolutePath()).serve(new FileInputStream(FileDescriptor.in), protocol);
        } finally {
            early.join(); // a ground still being laid is removed too, never left behind
            synchronized (this) {
                if (untaken != null) {
                    untakenEnd.run();
                }
                if (hook != null) {
                    hook.close();
                }
                if (engine != null) {
                    engine.close();
                }
            }
        }
        return 0;
    }

    private void layGround() {
        SessionGround ground = null;
        try {
            Engine e = root.engine();
            ground = SessionGround.on(e);
            synchronized (this) {
                engine = e;
                untaken = ground;
                untakenEnd = SessionEnd.ofGround(ground);
                // a signal before launch removes the holder
                hook = ShutdownHook.closing(untakenEnd);
            }
            ground.startNetwork();
        } catch (RuntimeException noEngine) {
            ground = null; // launch connects again and reports it
        } finally {
            early.complete(ground);
        }
        if (ground != null) {
            warm(ground.engine());
        }
    }

    /**
     * LSP4J's reflection over the protocol's interfaces (each method's annotations, one proxy
     * class per annotation type, the JDK's logging it reports through), which it does on the
     * main thread before it reads the first request: done here beside it, on the second core,
     * what the main thread then finds done is cached in the JDK's reflection data.
     */
    private static void warmProtocol() {
        try {
            java.util.logging.Logger.getLogger("org.eclipse.lsp4j");
            ServiceEndpoints.getSupportedMethods(IDebugProtocolClient.class);
            ServiceEndpoints.getSupportedMethods(DapServer.class);
        } catch (RuntimeException e) {
            // only a head start: the launcher does the same on its own thread and reports what fails
        }
    }

    /**
     * What the first RUN would otherwise ask on its way (its mount points are planned by the
     * engine's product and store: /info and /version, 60 ms and more under load), asked while
     * the editor is still in its handshake.
     */
    private static void warm(Engine engine) {
        engine.prepareClient();
        try {
            engine.capabilities();
        } catch (RuntimeException e) {
            // the step asks again and reports it
        }
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
        // the Dockerfile and context are read while the engine is still being connected
        Session.Sources sources = Session.read(options.sessionOptions(false));
        early.join();
        synchronized (this) {
            if (engine == null) {
                engine = root.engine();
            }
            // a launch that failed (a bad Dockerfile) left the ground for the next one
            SessionGround ground = untaken != null ? untaken : SessionGround.on(engine);
            Session session = Session.open(ground, sources, listener);
            untaken = null;
            untakenEnd = null;
            SessionEnd end = new SessionEnd(engine, session, false);
            ShutdownHook before = hook;
            hook = ShutdownHook.closing(end);
            if (before != null) {
                before.close();
            }
            return new SessionOpener.Opened(session, end);
        }
    }
}
