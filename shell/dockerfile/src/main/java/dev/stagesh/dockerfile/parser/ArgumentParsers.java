package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.DockerfileSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-instruction argument parsers of BuildKit's parser ("line parsers"): they turn the argument text of one
 * instruction into the argument strings of the syntax tree, without expanding anything.
 */
final class ArgumentParsers {
    private ArgumentParsers() {
    }

    record Args(List<String> values, boolean json) {
        static final Args NONE = new Args(List.of(), false);
    }

    static final String NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

    /** @param lowerName the instruction name, lower-cased */
    static Args parse(String lowerName, String rest, char escape) {
        return switch (lowerName) {
            case "add", "copy", "volume" -> maybeJsonToList(rest);
            case "arg" -> new Args(words(rest, escape), false);
            case "cmd", "entrypoint", "run", "shell" -> maybeJson(rest);
            case "env" -> nameValue(rest, "ENV", escape);
            case "label" -> nameValue(rest, "LABEL", escape);
            case "expose", "from" -> whitespaceList(rest);
            case "healthcheck" -> health(rest);
            case "maintainer", "stopsignal", "user", "workdir" -> rest.isEmpty() ? Args.NONE
                    : new Args(List.of(rest), false);
            // unknown instructions keep exactly one empty argument, so the dump shows ("")-style nodes
            default -> new Args(List.of(""), false);
        };
    }

    static boolean isKnown(String lowerName) {
        return switch (lowerName) {
            case "add", "copy", "volume", "arg", "cmd", "entrypoint", "run", "shell", "env", "label", "expose",
                    "from", "healthcheck", "maintainer", "stopsignal", "user", "workdir", "onbuild" -> true;
            default -> false;
        };
    }

    private static Args whitespaceList(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        return new Args(GoText.splitWhitespace(rest, -1), false);
    }

    private static GoJsonArray.Result json(String rest) {
        String trimmed = GoText.trimLeftSpace(rest);
        if (!trimmed.startsWith("[")) {
            return null;
        }
        GoJsonArray.Result r = GoJsonArray.decode(trimmed);
        if (r.kind() == GoJsonArray.Kind.NOT_STRINGS) {
            throw new DockerfileSyntaxException(NOT_STRING_ARRAY);
        }
        return r.kind() == GoJsonArray.Kind.STRINGS ? r : null;
    }

    static Args maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Args.NONE;
        }
        GoJsonArray.Result r = json(rest);
        if (r != null) {
            return new Args(r.values(), true);
        }
        return new Args(List.of(rest), false);
    }

    private static Args maybeJsonToList(String rest) {
        GoJsonArray.Result r = json(rest);
        if (r != null) {
            return new Args(r.values(), true);
        }
        return whitespaceList(rest);
    }

    private static Args health(String rest) {
        // the type word ends at the first (byte-wise, hence ASCII) white space
        int sep = 0;
        while (sep < rest.length() && !isAsciiSpace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Args.NONE;
        }
        int next = sep;
        while (next < rest.length() && isAsciiSpace(rest.charAt(next))) {
            next++;
        }
        Args cmd = maybeJson(rest.substring(next));
        List<String> all = new ArrayList<>(cmd.values().size() + 1);
        all.add(rest.substring(0, sep));
        all.addAll(cmd.values());
        return new Args(all, cmd.json());
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static Args nameValue(String rest, String key, char escape) {
        List<String> words = words(rest, escape);
        if (words.isEmpty()) {
            return Args.NONE;
        }
        List<String> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            // legacy "KEY name value": the value is the raw rest of the line
            List<String> parts = GoText.splitWhitespace(rest, 2);
            if (parts.size() < 2) {
                throw new DockerfileSyntaxException(key.toUpperCase(Locale.ROOT) + " must have two arguments");
            }
            out.add(parts.get(0));
            out.add(parts.get(1));
            out.add("");
            return new Args(out, false);
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new DockerfileSyntaxException("Syntax error - can't find = in " + GoText.quote(word)
                        + ". Must be of the form: name=value");
            }
            out.add(word.substring(0, eq));
            out.add(word.substring(eq + 1));
            out.add("=");
        }
        return new Args(out, false);
    }

    /**
     * BuildKit's word splitter for ENV, LABEL and ARG: splits on unquoted white space and keeps quotes and escape
     * tokens in the words (they are removed later, by variable expansion).
     */
    static List<String> words(String rest, char escape) {
        final int spaces = 0;
        final int word = 1;
        final int quoted = 2;
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int state = spaces;
        int quote = 0;
        boolean blankOk = false;
        int n = rest.length();
        int i = 0;
        while (true) {
            if (i >= n) {
                if (state != spaces && (blankOk || sb.length() > 0)) {
                    out.add(sb.toString());
                }
                return out;
            }
            int cp = rest.codePointAt(i);
            int w = Character.charCount(cp);
            if (state == spaces) {
                if (GoText.isSpace(cp)) {
                    i += w;
                    continue;
                }
                state = word;
            }
            if (state == word) {
                if (GoText.isSpace(cp)) {
                    state = spaces;
                    if (blankOk || sb.length() > 0) {
                        out.add(sb.toString());
                    }
                    sb.setLength(0);
                    blankOk = false;
                    i += w;
                    continue;
                }
                if (cp == '\'' || cp == '"') {
                    quote = cp;
                    blankOk = true;
                    state = quoted;
                }
                if (cp == escape) {
                    if (i + w == n) {
                        i += w;
                        continue; // an escape token at the very end is dropped
                    }
                    sb.appendCodePoint(cp);
                    i += w;
                    cp = rest.codePointAt(i);
                    w = Character.charCount(cp);
                }
                sb.appendCodePoint(cp);
                i += w;
                continue;
            }
            // inside quotes
            if (cp == quote) {
                state = word;
            }
            if (cp == escape && quote != '\'') {
                if (i + w == n) {
                    state = word;
                    i += w;
                    continue;
                }
                sb.appendCodePoint(cp);
                i += w;
                cp = rest.codePointAt(i);
                w = Character.charCount(cp);
            }
            sb.appendCodePoint(cp);
            i += w;
        }
    }
}
