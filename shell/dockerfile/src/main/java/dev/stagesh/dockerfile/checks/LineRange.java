package dev.stagesh.dockerfile.checks;

/** Lines {@code start..end} (1-based, inclusive) of the Dockerfile, as BuildKit's {@code parser.Range}. */
public record LineRange(int start, int end) {
    public boolean contains(int line) {
        return start <= line && line <= Math.max(start, end);
    }
}
