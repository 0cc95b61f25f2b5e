package dev.stagesh.cli;

import dev.stagesh.console.Printer;
import dev.stagesh.docker.Engine;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.SessionGround;
import dev.stagesh.shell.ConsoleListener;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stagesh build}: docker build's equivalent, non-interactively, for CI and for measuring. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Run the target stage (and what it needs) to its end and commit it, like docker build.")
final class BuildCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    StageshCommand parent;

    @Mixin
    BuildOptions build;

    @Option(names = {"-t", "--tag"}, required = true, paramLabel = "TAG", description = "Name the image (repeatable).")
    List<String> tags;

    @Option(names = "--squash", description = "Make the image a single layer holding the whole filesystem, base image included.")
    boolean squash;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image id.")
    boolean quiet;

    /** The build a plain line asks for (see {@link PlainArguments}), without picocli. */
    static BuildCommand of(StageshCommand root, PlainArguments.Build line) {
        BuildCommand b = new BuildCommand();
        b.parent = root;
        b.build = line.options();
        b.tags = line.tags();
        b.squash = line.squash();
        b.quiet = line.quiet();
        return b;
    }

    @Override
    public Integer call() {
        Printer printer = Printer.system(false);
        // every tag is checked before anything is built: one bad tag must not leave the rest unapplied
        List<String> names = dev.stagesh.engine.ImageTags.normalize(tags);
        // the Dockerfile and the context are read while the engine connects (the engine's future
        // is joined only after): a bad Dockerfile fails before the engine is waited for
        Session.Sources sources = Session.read(build.sessionOptions(false));
        try (Engine engine = parent.engine();
             Session session = Session.open(SessionGround.on(engine), sources,
                     quiet ? dev.stagesh.engine.StepListener.SILENT : new ConsoleListener(printer));
             // Ctrl-C or SIGTERM mid-build: every stage's containers and snapshots go, as in a session
             var hook = ShutdownHook.closing(new SessionEnd(engine, session, false))) {
            session.prepareRunOutput();
            if (build.noCache) {
                session.prepareToRun(); // every step runs
            }
            // independent stages run side by side first, as BuildKit runs them; then the target
            session.runNeededBeside(session.target());
            session.into(Integer.toString(session.target().stage().index()));
            String id = session.commit(names, squash);
            if (!quiet) {
                printer.err().println("tagged " + String.join(", ", names));
            }
            printer.line(id);
            return 0;
        }
    }
}
