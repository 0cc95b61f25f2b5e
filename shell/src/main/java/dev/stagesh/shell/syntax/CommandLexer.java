package dev.stagesh.shell.syntax;

import java.util.List;
import java.util.Set;

/**
 * Tokens of a line typed at the stagesh prompt: command names (known ones as keywords,
 * others marked), options, quoted strings, variables, the {@code ;} between commands and
 * a {@code #} comment (at the start of a word, to the end of the line). It follows the quoting of the command splitter, so what looks
 * like one word is one word.
 */
public final class CommandLexer {
    private final Set<String> commands;

    public CommandLexer(Set<String> commands) {
        this.commands = Set.copyOf(commands);
    }

    public List<Token> tokens(String line) {
        Tokens t = new Tokens();
        if (line.stripLeading().startsWith("#")) {
            t.add(Token.Kind.COMMENT, line);
            return t.list();
        }
        boolean commandWord = true;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                t.add(Token.Kind.PLAIN, c);
                i++;
            } else if (c == '#' && (Character.isWhitespace(line.charAt(i - 1)) || line.charAt(i - 1) == ';')) {
                // as the splitter reads it: a # at the start of a word comments out the rest
                t.add(Token.Kind.COMMENT, line.substring(i));
                break;
            } else if (c == ';') {
                t.add(Token.Kind.PLAIN, c);
                commandWord = true;
                i++;
            } else if (commandWord) {
                int end = wordEnd(line, i);
                String word = line.substring(i, end);
                boolean typing = end == line.length(); // a command still being typed is not wrong yet
                t.add(commands.contains(word) || typing ? Token.Kind.KEYWORD : Token.Kind.UNKNOWN, word);
                commandWord = false;
                i = end;
            } else if (c == '-' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                int end = wordEnd(line, i);
                t.add(Token.Kind.FLAG, line.substring(i, end));
                i = end;
            } else if (c == '\'' || c == '"') {
                int end = line.indexOf(c, i + 1);
                end = end < 0 ? line.length() : end + 1;
                t.add(Token.Kind.STRING, line.substring(i, end));
                i = end;
            } else if (c == '$' && Variables.end(line, i) > i) {
                int end = Variables.end(line, i);
                t.add(Token.Kind.VARIABLE, line.substring(i, end));
                i = end;
            } else if (c == '\\' && i + 1 < line.length()) {
                t.add(Token.Kind.PLAIN, line.substring(i, i + 2));
                i += 2;
            } else {
                t.add(Token.Kind.PLAIN, c);
                i++;
            }
        }
        return t.list();
    }

    private static int wordEnd(String line, int i) {
        int end = i;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != ';') {
            end++;
        }
        return end;
    }
}
