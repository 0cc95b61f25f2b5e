package dev.stagesh.fs;

/** One result of {@link TarGrep}: a matching line of a text file, or a binary file that matches. */
public sealed interface GrepMatch {

    String path();

    /** The line grep prints for this result. */
    String render(boolean lineNumbers);

    /** A matching line; {@code lineNumber} counts from 1. */
    record Line(String path, long lineNumber, String text) implements GrepMatch {
        @Override
        public String render(boolean lineNumbers) {
            return lineNumbers ? path + ":" + lineNumber + ":" + text : path + ":" + text;
        }
    }

    /** A binary file with a match: grep names it instead of printing raw bytes to the terminal. */
    record Binary(String path) implements GrepMatch {
        @Override
        public String render(boolean lineNumbers) {
            return "Binary file " + path + " matches";
        }
    }

    /** With {@code -l}: just the name of a file that matches. */
    record FileName(String path) implements GrepMatch {
        @Override
        public String render(boolean lineNumbers) {
            return path;
        }
    }
}
