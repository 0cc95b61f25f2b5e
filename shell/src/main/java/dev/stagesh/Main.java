package dev.stagesh;

import dev.stagesh.cli.EngineFuture;
import dev.stagesh.cli.StageshCommand;

/** The launcher's entry point: everything happens in {@link StageshCommand}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        EngineFuture engine = args.length > 0 && (args[0].equals("parse") || args[0].equals("--help")
                || args[0].equals("--version") || args[0].equals("generate-completion"))
                ? null : EngineFuture.start();
        int code = StageshCommand.run(args, engine);
        if (engine != null && Boolean.getBoolean("stagesh.archiving")) {
            // the launcher's class-data archive records the classes loaded by the run that makes
            // it: docker-java's, built in the background, must be among them even if this run
            // ended before it needed them
            engine.settle();
        }
        System.exit(code);
    }
}
