package dev.stagesh.fs;

/**
 * A filesystem inspection failure with a one-line message meant to be shown to the user as is,
 * in the coreutils style {@code PATH: No such file or directory}; the shell prefixes the command name.
 */
public final class FsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FsException(String message) {
        super(message);
    }

    public FsException(String message, Throwable cause) {
        super(message, cause);
    }

    static FsException noSuchFile(String path) {
        return new FsException(path + ": No such file or directory");
    }

    static FsException isADirectory(String path) {
        return new FsException(path + ": Is a directory");
    }

    static FsException notADirectory(String path) {
        return new FsException(path + ": Not a directory");
    }

    static FsException symlinkLoop(String path) {
        return new FsException(path + ": Too many levels of symbolic links");
    }

    /** An archive stream that could not be read: the user sees why, the cause keeps the detail. */
    static FsException unreadable(java.io.IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FsException("cannot read archive: " + detail.lines().findFirst().orElse(""), e);
    }
}
