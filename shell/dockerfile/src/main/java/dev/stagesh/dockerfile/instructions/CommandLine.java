package dev.stagesh.dockerfile.instructions;

import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.
 *
 * @param args      exec form: the argv; shell form: one element, the command text to pass to the SHELL
 * @param shellForm true when the command must be prefixed with the stage's SHELL ({@code /bin/sh -c} by default)
 */
public record CommandLine(List<String> args, boolean shellForm) {
    public CommandLine {
        args = List.copyOf(args);
    }

    /** The argv to execute given the stage's shell ({@code ["/bin/sh", "-c"]} unless SHELL changed it). */
    public List<String> argv(List<String> shell) {
        if (!shellForm) {
            return args;
        }
        List<String> out = new java.util.ArrayList<>(shell);
        out.add(String.join(" ", args));
        return List.copyOf(out);
    }
}
