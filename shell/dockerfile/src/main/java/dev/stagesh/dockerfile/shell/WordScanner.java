package dev.stagesh.dockerfile.shell;

import dev.stagesh.dockerfile.parser.GoText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One expansion run over one word; holds the cursor state that {@link ShellLex} must not keep. */
final class WordScanner {
    private static final int EOF = -1;

    private final int[] cps;
    private int pos;
    private final int escape;
    private final ShellLex.Mode mode;
    private final Function<String, String> env;
    private boolean rawEscapes;

    WordScanner(String word, int escape, ShellLex.Mode mode, Function<String, String> env) {
        this.cps = word.codePoints().toArray();
        // Go's text/scanner silently drops a byte-order mark at the very start.
        this.pos = cps.length > 0 && cps[0] == 0xFEFF ? 1 : 0;
        this.escape = escape;
        this.mode = mode;
        this.env = env;
        this.rawEscapes = mode.rawEscapes();
    }

    ShellLex.Expansion run() {
        Piece p = processStopOn(EOF, mode.rawEscapes());
        return new ShellLex.Expansion(p.text, List.copyOf(p.words));
    }

    private record Piece(String text, List<String> words) {
    }

    private int peek() {
        return pos < cps.length ? cps[pos] : EOF;
    }

    private int next() {
        return pos < cps.length ? cps[pos++] : EOF;
    }

    /** Go renders string(rune(-1)) as U+FFFD; used only in error messages. */
    private static String str(int cp) {
        return cp < 0 ? "\uFFFD" : new String(Character.toChars(cp));
    }

    private Piece processStopOn(int stop, boolean raw) {
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            StringBuilder result = new StringBuilder();
            Words words = new Words();
            while (peek() != EOF) {
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    next();
                    return new Piece(result.toString(), words.finish());
                }
                if (ch == '$') {
                    String t = dollar();
                    result.append(t);
                    words.addString(t);
                } else if (ch == '\'' && !mode.skipProcessQuotes()) {
                    String t = singleQuote();
                    result.append(t);
                    words.addRawString(t);
                } else if (ch == '"' && !mode.skipProcessQuotes()) {
                    String t = doubleQuote();
                    result.append(t);
                    words.addRawString(t);
                } else {
                    ch = next();
                    if (ch == escape) {
                        if (rawEscapes) {
                            words.addRawChar(ch);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break; // an escape token at the very end is dropped
                        }
                        words.addRawChar(ch);
                    } else {
                        words.addChar(ch);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stop != EOF) {
                throw new ShellSyntaxError("unexpected end of statement while looking for matching " + str(stop));
            }
            return new Piece(result.toString(), words.finish());
        } finally {
            rawEscapes = saved;
        }
    }

    private String singleQuote() {
        StringBuilder sb = new StringBuilder();
        int ch = next();
        if (mode.rawQuotes()) {
            sb.appendCodePoint(ch);
        }
        while (true) {
            ch = next();
            if (ch == EOF) {
                throw new ShellSyntaxError("unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                if (mode.rawQuotes()) {
                    sb.appendCodePoint(ch);
                }
                return sb.toString();
            }
            sb.appendCodePoint(ch);
        }
    }

    private String doubleQuote() {
        StringBuilder sb = new StringBuilder();
        int ch = next();
        if (mode.rawQuotes()) {
            sb.appendCodePoint(ch);
        }
        while (true) {
            int p = peek();
            if (p == EOF) {
                throw new ShellSyntaxError("unexpected end of statement while looking for matching double-quote");
            }
            if (p == '"') {
                next();
                if (mode.rawQuotes()) {
                    sb.append('"');
                }
                return sb.toString();
            }
            if (p == '$') {
                sb.append(dollar());
                continue;
            }
            ch = next();
            if (ch == escape) {
                if (rawEscapes) {
                    sb.appendCodePoint(ch);
                }
                int after = peek();
                if (after == EOF) {
                    continue; // reported as an unterminated quote by the loop
                }
                if (after == '"' || after == '$' || after == escape) {
                    ch = next();
                }
                // any other escape stays literal
            }
            sb.appendCodePoint(ch);
        }
    }

    private String lookup(String name) {
        return env.apply(name);
    }

    private String dollar() {
        next(); // '$'
        if (peek() != '{') {
            String name = processName();
            if (name.isEmpty()) {
                return "$";
            }
            String value = lookup(name);
            if (value == null) {
                return mode.skipUnsetEnv() ? "$" + name : "";
            }
            return value;
        }
        next(); // '{'
        int first = peek();
        if (first == EOF) {
            throw new ShellSyntaxError("syntax error: missing '}'");
        }
        if (first == '{' || first == '}' || first == ':') {
            throw new ShellSyntaxError("syntax error: bad substitution");
        }
        String name = processName();
        int ch = next();
        String chs = str(ch);
        boolean nullIsUnset = false;
        if (ch == '}') {
            String value = lookup(name);
            if (value == null) {
                return mode.skipUnsetEnv() ? "${" + name + "}" : "";
            }
            return value;
        }
        if (ch == '/') {
            return substitute(name);
        }
        if (ch == ':') {
            nullIsUnset = true;
            ch = next();
            chs += str(ch);
        } else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
            throw new ShellSyntaxError("unsupported modifier (" + chs + ") in substitution");
        }
        boolean rawWord = ch == '#' || ch == '%';
        String word = stopOnOrMissing('}', rawWord, "syntax error: missing '}'");
        String value = lookup(name);
        boolean set = value != null;
        if (!set && mode.skipUnsetEnv()) {
            return "${" + name + chs + word + "}";
        }
        String v = set ? value : "";
        boolean empty = !set || (nullIsUnset && v.isEmpty());
        switch (ch) {
            case '-':
                return empty ? word : v;
            case '+':
                return empty ? "" : word;
            case '?':
                if (!set) {
                    throw new ShellSyntaxError(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (nullIsUnset && v.isEmpty()) {
                    throw new ShellSyntaxError(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return v;
            case '%':
            case '#': {
                boolean greedy = false;
                if (!word.isEmpty() && word.charAt(0) == ch) {
                    greedy = true;
                    word = word.substring(1);
                }
                return ch == '%' ? Patterns.trimSuffix(word, v, greedy) : Patterns.trimPrefix(word, v, greedy);
            }
            default:
                throw new ShellSyntaxError("unsupported modifier (" + chs + ") in substitution");
        }
    }

    private String stopOnOrMissing(int stop, boolean raw, String missing) {
        try {
            return processStopOn(stop, raw).text;
        } catch (ShellSyntaxError e) {
            if (peek() == EOF) {
                throw new ShellSyntaxError(missing);
            }
            throw e;
        }
    }

    private String substitute(String name) {
        boolean replaceAll = peek() == '/';
        if (replaceAll) {
            next();
        }
        String pattern = stopOnOrMissing('/', true, "syntax error: missing '/' in ${}");
        String replacement = stopOnOrMissing('}', true, "syntax error: missing '}'");
        String value = lookup(name);
        if (value == null && mode.skipUnsetEnv()) {
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        return Patterns.replace(value == null ? "" : value, pattern, replacement, replaceAll);
    }

    private String processName() {
        StringBuilder name = new StringBuilder();
        while (peek() != EOF) {
            int ch = peek();
            if (name.length() == 0 && Character.isDigit(ch)) {
                while (peek() != EOF && Character.isDigit(peek())) {
                    name.appendCodePoint(next());
                }
                return name.toString();
            }
            if (name.length() == 0 && isSpecialParam(ch)) {
                next();
                return str(ch);
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(next());
        }
        return name.toString();
    }

    private static boolean isSpecialParam(int ch) {
        return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';
    }

    /** Word accumulation of BuildKit's ProcessWords: splits on unquoted white space from expansions and text. */
    private static final class Words {
        private final StringBuilder word = new StringBuilder();
        private final List<String> words = new ArrayList<>();
        private boolean inWord;

        void addChar(int ch) {
            if (GoText.isSpace(ch)) {
                if (inWord && word.length() != 0) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                addRawChar(ch);
            }
        }

        void addRawChar(int ch) {
            word.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> finish() {
            if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
            return words;
        }
    }
}
