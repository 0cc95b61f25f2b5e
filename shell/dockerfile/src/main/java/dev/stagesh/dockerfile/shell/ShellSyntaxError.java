package dev.stagesh.dockerfile.shell;

/** Internal signal from the scanner; {@link ShellLex} turns it into a DockerfileException with the word. */
final class ShellSyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShellSyntaxError(String message) {
        super(message, null, false, false);
    }
}
