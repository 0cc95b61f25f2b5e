package dev.stagesh.console;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextException;
import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.fs.FsException;

/**
 * One line for any failure a user can meet (on a terminal, a Dockerfile error also shows the
 * offending line with a caret under the column). Errors stagesh knows of carry their own message;
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
            String rendered = d.render();
            return System.console() != null ? rendered : oneLine(rendered);
        }
        if (e instanceof StageshException || e instanceof ContextException || e instanceof FsException) {
            return oneLine(e.getMessage());
        }
        return "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()));
    }

    /** The first line, without control characters, at most 1000 characters: never garbage on a terminal. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String first = message.lines().findFirst().orElse("");
        StringBuilder sb = new StringBuilder();
        first.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0xfffd) {
                sb.append('?');
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.length() > 1000 ? sb.substring(0, 997) + "..." : sb.toString();
    }
}
