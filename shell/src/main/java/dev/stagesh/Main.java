package dev.stagesh;

import dev.stagesh.cli.EngineFuture;
import dev.stagesh.cli.StageshCommand;

/** The launcher's entry point: everything happens in {@link StageshCommand}. */
public final class Main {
    /** What needs no engine: no connection is opened for these (--version asks it on its own). */
    private static final java.util.Set<String> NO_ENGINE = java.util.Set.of("parse", "--help", "-h", "--version", "-V",
            "completion", "__complete",
            "attach-shell"); // attach-shell connects to the engine its command line names

    private Main() {}

    public static void main(String[] args) {
        EngineFuture engine = args.length > 0 && NO_ENGINE.contains(args[0]) ? null : EngineFuture.start();
        int code = StageshCommand.run(args, engine);
        if (engine != null && Boolean.getBoolean("stagesh.archiving")) {
            // the launcher's class-data archive records the classes loaded by the run that makes
            // it: docker-java's, built in the background, must be among them even if this run
            // ended before it needed them
            engine.settle();
            removeTrainingImage(engine, System.getProperty("stagesh.archiving.built"));
        }
        System.exit(code);
    }

    /** The image the archive's training build tagged: it was made to load classes, not to be kept. */
    private static void removeTrainingImage(EngineFuture engine, String tag) {
        if (tag == null || tag.isEmpty()) {
            return;
        }
        try {
            engine.get().removeImage(tag);
        } catch (RuntimeException e) {
            // no engine, or no such image: the build failed before it tagged one
        }
    }
}
