package dev.stagesh.dockerfile;

/** A Dockerfile that BuildKit's parser (or its instruction layer) would reject. */
public class DockerfileSyntaxException extends DockerfileException {
    private static final long serialVersionUID = 1L;

    public DockerfileSyntaxException(String message) {
        super(message);
    }

    public DockerfileSyntaxException(String message, String fileName, int line, int column, String sourceLine) {
        super(message, fileName, line, column, sourceLine);
    }

    private DockerfileSyntaxException(String message, String fileName, int line, int column, String sourceLine,
                                      Throwable cause) {
        super(message, fileName, line, column, sourceLine, cause);
    }

    @Override
    protected DockerfileException relocate(String fileName, int line, int column, String sourceLine) {
        return new DockerfileSyntaxException(getMessage(), fileName, line, column, sourceLine, this);
    }
}
