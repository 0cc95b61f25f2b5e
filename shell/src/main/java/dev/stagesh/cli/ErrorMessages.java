package dev.stagesh.cli;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextException;
import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.fs.FsException;

/**
 * One line for any failure a user can meet. Errors stagesh knows of carry their own message;
 * anything else is a bug, reported as one line with its type so it can be filed, never as a
 * stack trace (STAGESH_DEBUG=1 prints the trace).
 */
public final class ErrorMessages {
    private ErrorMessages() {}

    public static String of(Throwable e) {
        if (System.getenv("STAGESH_DEBUG") != null) {
            e.printStackTrace();
        }
        if (e instanceof DockerfileException d) {
            return d.render();
        }
        if (e instanceof StageshException || e instanceof ContextException || e instanceof FsException) {
            return e.getMessage();
        }
        return "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
