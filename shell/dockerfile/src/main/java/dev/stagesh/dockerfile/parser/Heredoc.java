package dev.stagesh.dockerfile.parser;

import java.util.Objects;

/**
 * One here-document attached to a RUN, COPY or ADD (or an ONBUILD wrapping one).
 *
 * @param name           the delimiter with shell quotes removed
 * @param content        the body exactly as written, each line with its line break, never chomped (even for
 *                       {@code <<-}); use {@link #chompedContent()} for the tab-stripped form
 * @param expand         false when any part of the delimiter was quoted ({@code <<'EOF'}), i.e. the body must not be
 *                       variable-expanded
 * @param chomp          true for {@code <<-}: leading tabs are removed from body lines and the terminator
 * @param fileDescriptor the digits before {@code <<} (0 when absent)
 */
public record Heredoc(String name, String content, boolean expand, boolean chomp, int fileDescriptor) {
    public Heredoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** The body as a command sees it: with {@code <<-}, leading tabs of every line removed. */
    public String chompedContent() {
        if (!chomp) {
            return content;
        }
        StringBuilder sb = new StringBuilder(content.length());
        boolean lineStart = true;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            lineStart = c == '\n';
            sb.append(c);
        }
        return sb.toString();
    }

    Heredoc withContent(String body) {
        return new Heredoc(name, body, expand, chomp, fileDescriptor);
    }
}
