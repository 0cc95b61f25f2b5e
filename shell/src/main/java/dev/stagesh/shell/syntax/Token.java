package dev.stagesh.shell.syntax;

/** A run of text of one syntactic kind; a highlighted line is a list of them, in order. */
public record Token(Kind kind, String text) {

    /** What a piece of text is, which decides its colour. */
    public enum Kind {
        PLAIN, KEYWORD, FLAG, STRING, VARIABLE, COMMENT, HEREDOC_DELIMITER, HEREDOC_BODY, UNKNOWN
    }
}
