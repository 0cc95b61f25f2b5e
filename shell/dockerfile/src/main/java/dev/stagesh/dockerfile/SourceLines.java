package dev.stagesh.dockerfile;

/** Gives the text of a physical line, to attach it (and the file name) to errors. */
final class SourceLines {
    private final String text;
    private int[] starts;

    SourceLines(String text) {
        this.text = text;
    }

    /** The 1-based line without its line break, or null when out of range. */
    String line(int number) {
        if (number <= 0) {
            return null;
        }
        if (starts == null) {
            index();
        }
        if (number > starts.length) {
            return null;
        }
        int start = starts[number - 1];
        int end = text.indexOf('\n', start);
        if (end < 0) {
            end = text.length();
        }
        String line = text.substring(start, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (number == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        return line.length() > 400 ? line.substring(0, 400) : line;
    }

    private void index() {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        starts = new int[count];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && k < count) {
                starts[k++] = i + 1;
            }
        }
    }

    DockerfileException locate(DockerfileException e, String fileName) {
        if (e.fileName() != null && e.sourceLine() != null) {
            return e;
        }
        String source = e.sourceLine() != null ? e.sourceLine() : line(e.line());
        int column = e.column();
        if (source != null && column > source.length() + 1) {
            column = 0;
        }
        if (e instanceof DockerfileSyntaxException) {
            return new DockerfileSyntaxException(e.getMessage(), e.fileName() != null ? e.fileName() : fileName,
                    e.line(), column, source);
        }
        return new DockerfileException(e.getMessage(), e.fileName() != null ? e.fileName() : fileName, e.line(),
                column, source, e.getCause());
    }
}
