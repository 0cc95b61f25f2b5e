package dev.stagesh.shell.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits the source lines of one Dockerfile instruction into tokens for highlighting: the
 * keyword, its {@code --flags}, quoted strings, variable references, comments, and heredoc
 * markers and bodies. It reads the text as written (continuations, comment lines inside them,
 * heredoc bodies below) because that is what the user sees; it never decides meaning, so a
 * line it does not understand is shown plain rather than rejected.
 */
public final class DockerfileLexer {
    /** Instructions whose arguments are shell text, where {@code #} after a blank starts a comment. */
    private static final Set<String> SHELL_FORM = Set.of("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK");
    /** Instructions BuildKit accepts heredocs for. */
    private static final Set<String> HEREDOC_FORM = Set.of("RUN", "COPY", "ADD");

    private record Pending(String name, boolean chomp, boolean expand) {}

    private final char escape;
    private final Deque<Pending> heredocs = new ArrayDeque<>();
    private boolean inBodies;
    private boolean continued;
    private String keyword;
    private boolean keywordDone;
    private boolean flagsDone;
    private char quote;

    private DockerfileLexer(char escape) {
        this.escape = escape;
    }

    /** The tokens of each physical line of one instruction, in order. */
    public static List<List<Token>> instruction(List<String> lines, char escape) {
        DockerfileLexer lexer = new DockerfileLexer(escape);
        List<List<Token>> out = new ArrayList<>();
        for (String line : lines) {
            out.add(lexer.line(line));
        }
        return out;
    }

    /** The tokens of a single-line instruction. */
    public static List<Token> instruction(String line) {
        return instruction(List.of(line), '\\').get(0);
    }

    private List<Token> line(String line) {
        Tokens t = new Tokens();
        if (inBodies) {
            body(line, t);
            return t.list();
        }
        boolean continuation = continued;
        String stripped = line.strip();
        if (continuation && quote == 0 && (stripped.isEmpty() || stripped.startsWith("#"))) {
            // BuildKit drops comment and blank lines inside a continued instruction
            t.add(Token.Kind.COMMENT, line);
            return t.list();
        }
        scan(line, t);
        continued = endsWithEscape(line);
        if (!continued && !heredocs.isEmpty()) {
            inBodies = true;
        }
        return t.list();
    }

    private void body(String line, Tokens t) {
        Pending h = heredocs.peekFirst();
        String candidate = h.chomp() ? line.replaceFirst("^\t+", "") : line;
        if (candidate.equals(h.name())) {
            t.add(Token.Kind.HEREDOC_DELIMITER, line);
            heredocs.removeFirst();
            inBodies = !heredocs.isEmpty();
            return;
        }
        if (!h.expand()) {
            t.add(Token.Kind.HEREDOC_BODY, line);
            return;
        }
        int i = 0;
        while (i < line.length()) {
            int end = line.charAt(i) == '$' ? Variables.end(line, i) : i;
            if (end > i) {
                t.add(Token.Kind.VARIABLE, line.substring(i, end));
                i = end;
            } else {
                t.add(Token.Kind.HEREDOC_BODY, line.charAt(i++));
            }
        }
    }

    private void scan(String line, Tokens t) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quote != 0) {
                i = quoted(line, i, t);
            } else if (c == ' ' || c == '\t') {
                t.add(Token.Kind.PLAIN, c);
                i++;
            } else if (!keywordDone) {
                int end = wordEnd(line, i);
                String word = line.substring(i, end);
                t.add(Token.Kind.KEYWORD, word);
                keyword = word.toUpperCase(Locale.ROOT);
                // ONBUILD's trigger is an instruction of its own, with its keyword and flags
                keywordDone = !keyword.equals("ONBUILD");
                i = end;
            } else if (!flagsDone && line.startsWith("--", i)) {
                int end = wordEnd(line, i);
                t.add(Token.Kind.FLAG, line.substring(i, end));
                i = end;
            } else {
                flagsDone = true;
                i = argument(line, i, t);
            }
        }
    }

    /** One piece of an instruction's arguments, from {@code i}; returns where the next starts. */
    private int argument(String line, int i, Tokens t) {
        char c = line.charAt(i);
        if (c == escape) {
            int end = Math.min(line.length(), i + 2);
            t.add(Token.Kind.PLAIN, line.substring(i, end));
            return end;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            t.add(Token.Kind.STRING, c);
            return i + 1;
        }
        if (c == '$') {
            int end = Variables.end(line, i);
            if (end > i) {
                t.add(Token.Kind.VARIABLE, line.substring(i, end));
                return end;
            }
        }
        if (c == '#' && SHELL_FORM.contains(keyword) && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
            t.add(Token.Kind.COMMENT, line.substring(i));
            return line.length();
        }
        if (c == '<' && line.startsWith("<<", i) && !line.startsWith("<<<", i) && HEREDOC_FORM.contains(keyword)) {
            int end = heredocMarker(line, i);
            if (end > i) {
                t.add(Token.Kind.HEREDOC_DELIMITER, line.substring(i, end));
                return end;
            }
        }
        t.add(Token.Kind.PLAIN, c);
        return i + 1;
    }

    /** Inside a quoted string: up to and including its closing quote, or the end of the line. */
    private int quoted(String line, int i, Tokens t) {
        char c = line.charAt(i);
        if (c == quote) {
            quote = 0;
            t.add(Token.Kind.STRING, c);
            return i + 1;
        }
        if (quote == '"' && c == escape && i + 1 < line.length()) {
            t.add(Token.Kind.STRING, line.substring(i, i + 2));
            return i + 2;
        }
        if (quote == '"' && c == '$') {
            int end = Variables.end(line, i);
            if (end > i) {
                t.add(Token.Kind.VARIABLE, line.substring(i, end));
                return end;
            }
        }
        t.add(Token.Kind.STRING, c);
        return i + 1;
    }

    /** A heredoc marker {@code <<[-]["']NAME["']} at {@code i}; queues its body. Returns its end, or i. */
    private int heredocMarker(String line, int i) {
        int j = i + 2;
        boolean chomp = j < line.length() && line.charAt(j) == '-';
        if (chomp) {
            j++;
        }
        char q = j < line.length() && (line.charAt(j) == '"' || line.charAt(j) == '\'') ? line.charAt(j) : 0;
        if (q != 0) {
            j++;
        }
        int nameStart = j;
        while (j < line.length() && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
            j++;
        }
        if (j == nameStart) {
            return i;
        }
        String name = line.substring(nameStart, j);
        if (q != 0) {
            if (j >= line.length() || line.charAt(j) != q) {
                return i;
            }
            j++;
        }
        heredocs.addLast(new Pending(name, chomp, q == 0));
        return j;
    }

    private static int wordEnd(String line, int i) {
        int end = i;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return end;
    }

    private boolean endsWithEscape(String line) {
        String s = line.stripTrailing();
        return !s.isEmpty() && s.charAt(s.length() - 1) == escape;
    }
}
