package dev.stagesh;

import dev.stagesh.cli.StageshCommand;
import picocli.CommandLine;

/** The launcher's entry point: everything happens in {@link StageshCommand}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(StageshCommand.run(args));
    }
}
