package dev.stagesh.dockerfile;

/**
 * The single user-facing error type of the Dockerfile module. Every failure that reaches a caller of the public API
 * is this type or a subclass, so the engine can catch one type and print {@link #render()}.
 *
 * <p>Positions are 1-based; 0 means unknown. The message never contains the position itself, so callers can choose
 * between {@link #getMessage()} and the fully located {@link #render()}.
 */
public class DockerfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final int column;
    private final String sourceLine;

    public DockerfileException(String message) {
        this(message, null, 0, 0, null, null);
    }

    public DockerfileException(String message, String fileName, int line, int column, String sourceLine) {
        this(message, fileName, line, column, sourceLine, null);
    }

    public DockerfileException(String message, String fileName, int line, int column, String sourceLine,
                               Throwable cause) {
        super(message, cause);
        this.fileName = fileName;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.sourceLine = sourceLine;
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The physical source line the error points at, without its line break; null when unknown. */
    public String sourceLine() {
        return sourceLine;
    }

    /**
     * Returns a copy of this error that carries the given location, unless it already has one. Subclasses keep their
     * type, because callers may distinguish syntax errors from e.g. expansion errors.
     */
    public DockerfileException at(String fileName, int line, int column, String sourceLine) {
        if (this.line > 0) {
            return this;
        }
        return relocate(fileName, line, column, sourceLine);
    }

    protected DockerfileException relocate(String fileName, int line, int column, String sourceLine) {
        return new DockerfileException(getMessage(), fileName, line, column, sourceLine, this);
    }

    /**
     * {@code file:line:col: message}, then the offending line and a caret under the column (or under the first
     * non-blank character when the column is unknown).
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(fileName == null ? "Dockerfile" : fileName);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(getMessage());
        if (sourceLine != null) {
            String shown = sourceLine.replace('\t', ' ');
            sb.append('\n').append(shown).append('\n');
            int caretAt = column > 0 ? column - 1 : firstNonBlank(shown);
            sb.append(" ".repeat(Math.min(caretAt, shown.length()))).append('^');
        }
        return sb.toString();
    }

    private static int firstNonBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != ' ') {
                return i;
            }
        }
        return 0;
    }
}
