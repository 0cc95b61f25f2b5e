package dev.stagesh;

/**
 * An error meant for the user: its message is one line that says what went wrong and
 * where, and the shell prints it as it is, without a stack trace.
 */
public class StageshException extends RuntimeException {
    public StageshException(String message) {
        super(message);
    }

    public StageshException(String message, Throwable cause) {
        super(message, cause);
    }
}
