package dev.stagesh.fs;

import java.util.List;

/**
 * What a command printed: lines for stdout and one-line messages for stderr. Commands that take
 * several paths report a bad one and go on with the others, as coreutils do.
 */
public record CommandOutput(List<String> lines, List<String> errors) {

    public CommandOutput {
        lines = List.copyOf(lines);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
