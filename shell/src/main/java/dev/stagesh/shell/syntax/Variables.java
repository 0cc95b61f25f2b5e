package dev.stagesh.shell.syntax;

/** Where a {@code $NAME} or {@code ${...}} reference ends, as Dockerfiles and shells write them. */
final class Variables {
    private Variables() {}

    /**
     * The end (exclusive) of the variable reference starting with the {@code $} at {@code start},
     * or {@code start} when none starts there (a lone {@code $}).
     */
    static int end(String text, int start) {
        int i = start + 1;
        if (i >= text.length()) {
            return start;
        }
        if (text.charAt(i) == '{') {
            int depth = 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i + 1;
                }
            }
            return text.length(); // unclosed: the rest of the line is the reference being typed
        }
        while (i < text.length() && nameChar(text.charAt(i))) {
            i++;
        }
        return i == start + 1 ? start : i;
    }

    private static boolean nameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
