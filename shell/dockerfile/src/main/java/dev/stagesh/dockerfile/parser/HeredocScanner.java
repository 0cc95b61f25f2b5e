package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.DockerfileSyntaxException;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the here-documents an instruction line opens ({@code <<EOF}, {@code <<-EOF}, {@code <<'EOF'},
 * {@code 3<<EOF}, several per line), the way BuildKit does: the line is split into shell words with quotes and
 * escapes kept (always backslash escaping, no expansion), and each word of the form {@code [digits]<<[-]name} opens
 * one. Bodies are read later by the parser.
 */
final class HeredocScanner {
    private static final ShellLex LINE_WORDS = new ShellLex('\\', new ShellLex.Mode(true, true, true));
    private static final ShellLex NAME_COOKED = new ShellLex('\\', new ShellLex.Mode(false, false, true));
    private static final ShellLex NAME_RAW = new ShellLex('\\', new ShellLex.Mode(true, false, true));

    private HeredocScanner() {
    }

    /** Heredocs (with empty content) opened by this logical line, in order. */
    static List<Heredoc> fromLine(String line) {
        List<String> words;
        try {
            words = LINE_WORDS.processWords(line, null);
        } catch (DockerfileException e) {
            return List.of(); // BuildKit ignores lexing errors here: the line simply opens no heredoc
        }
        List<Heredoc> docs = new ArrayList<>();
        for (String word : words) {
            Heredoc h = parseWord(word);
            if (h != null) {
                docs.add(h);
            }
        }
        return docs;
    }

    /** Parses one word of the form {@code ^(\d*)<<(-?)\s*([^<]*)$}; null if it is not a heredoc opener. */
    static Heredoc parseWord(String word) {
        int i = 0;
        int n = word.length();
        while (i < n && word.charAt(i) >= '0' && word.charAt(i) <= '9') {
            i++;
        }
        String digits = word.substring(0, i);
        if (!word.startsWith("<<", i)) {
            return null;
        }
        i += 2;
        boolean chomp = i < n && word.charAt(i) == '-';
        if (chomp) {
            i++;
        }
        while (i < n && isRegexSpace(word.charAt(i))) {
            i++;
        }
        String rest = word.substring(i);
        if (rest.indexOf('<') >= 0 || rest.isEmpty()) {
            return null;
        }
        List<String> cooked;
        List<String> raw;
        try {
            cooked = NAME_COOKED.processWords(rest, null);
            if (cooked.size() != 1) {
                return null;
            }
            raw = NAME_RAW.processWords(rest, null);
        } catch (DockerfileException e) {
            throw new DockerfileSyntaxException(e.getMessage());
        }
        if (raw.size() != cooked.size()) {
            throw new DockerfileSyntaxException(
                    "internal lexing of heredoc produced inconsistent results: " + rest);
        }
        String name = cooked.get(0);
        boolean expand = quoteCount(name) == quoteCount(raw.get(0));
        return new Heredoc(name, "", expand, chomp, fileDescriptor(digits));
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static int quoteCount(String s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
                c++;
            }
        }
        return c;
    }

    private static int fileDescriptor(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // Go saturates an overflowing descriptor; it is never a usable fd anyway
        }
    }
}
