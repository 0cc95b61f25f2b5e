package dev.stagesh.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed line into commands at unquoted {@code ;} and each command into words, with
 * POSIX shell quoting: '...' is literal; inside "..." a backslash escapes only $ ` " \ and a
 * newline and is kept before anything else; outside quotes a backslash escapes any character;
 * an unquoted {@code #} at the start of a word begins a comment to the end of the line. An
 * unclosed quote is an error naming its column.
 */
public final class CommandSplitter {
    /** What a backslash escapes inside double quotes (POSIX, 2.2.3); before anything else it stays. */
    private static final String ESCAPED_IN_DOUBLE_QUOTES = "$`\"\\\n";

    private CommandSplitter() {}

    public static List<List<String>> split(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int quoteColumn = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && ESCAPED_IN_DOUBLE_QUOTES.indexOf(line.charAt(i + 1)) >= 0) {
                    // a backslash-newline inside double quotes is a line continuation: both go
                    char escaped = line.charAt(++i);
                    if (escaped != '\n') {
                        word.append(escaped);
                    }
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                quoteColumn = i + 1;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ';') {
                if (inWord) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
                if (!words.isEmpty()) {
                    commands.add(words);
                }
                words = new ArrayList<>();
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " at column " + quoteColumn);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(words);
        }
        return commands;
    }
}
