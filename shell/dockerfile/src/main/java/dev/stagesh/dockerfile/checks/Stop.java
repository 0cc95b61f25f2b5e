package dev.stagesh.dockerfile.checks;

import java.util.List;

/** Unwinds a check run at the point where BuildKit would stop with an error; carries that error. */
final class Stop extends RuntimeException {
    final transient BuildError error;

    Stop(String message, List<LineRange> where) {
        super(message, null, false, false);
        this.error = new BuildError(message, where);
    }
}
