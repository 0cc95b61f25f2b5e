package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.DockerfileSyntaxException;
import dev.stagesh.dockerfile.parser.Node;

/**
 * Builds errors that point into the Dockerfile. The file name and source lines are attached later by
 * {@link dev.stagesh.dockerfile.Dockerfile}, which knows the text; here only line and column are known.
 */
final class Located {
    private Located() {
    }

    /** An error at the instruction name. */
    static DockerfileSyntaxException error(String message, Node node) {
        return new DockerfileSyntaxException(message, null, node.startLine(), node.column(), null);
    }

    /** An error at the given text (e.g. a flag name) if it occurs on the instruction's first line. */
    static DockerfileSyntaxException error(String message, Node node, String near) {
        int column = node.column();
        if (near != null && column > 0) {
            int idx = node.original().indexOf(near);
            if (idx >= 0) {
                column += idx;
            }
        }
        return new DockerfileSyntaxException(message, null, node.startLine(), column, null);
    }
}
