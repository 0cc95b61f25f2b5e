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
        System.exit(StageshCommand.run(args, engine));
    }
}
