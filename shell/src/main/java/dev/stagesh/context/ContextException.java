package dev.stagesh.context;

/**
 * A problem with the build context that the user has to fix (bad ignore pattern, missing COPY source,
 * path escaping the context...). The message is one line, meant to be printed as is; the engine shows no
 * stack trace for it.
 */
public class ContextException extends RuntimeException {
    public ContextException(String message) {
        super(message);
    }

    public ContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
