package dev.stagesh.context;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code filepath.Match} on slash paths: {@code *} and {@code ?} never match '/', {@code [...]} and
 * {@code [^...]} classes with ranges, and {@code \} escapes. COPY wildcards and the syntax check of ignore
 * patterns both follow these rules in docker.
 */
public final class GoGlob {
    private GoGlob() {
    }

    /** Go's hasMeta on unix: a source containing any of these is expanded as a wildcard. */
    public static boolean hasMeta(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * Throws {@link IllegalArgumentException} ("syntax error in pattern") for a pattern Go would reject:
     * an unclosed or empty class, a range with an unescaped '-' or ']' where a character is expected,
     * or a trailing backslash. Go checks the whole pattern, not just the part it needed to match.
     */
    static void validate(String pattern) {
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw bad();
                }
                i += 2;
            } else if (c == '[') {
                i = new CharClass(pattern, i).end;
            } else {
                i++;
            }
        }
    }

    /** Go's filepath.Match; throws IllegalArgumentException for a pattern Go rejects. */
    public static boolean match(String pattern, String name) {
        validate(pattern);
        return matchAt(pattern, 0, name, 0);
    }

    private static boolean matchAt(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return s.indexOf('/', si) < 0;
                    }
                    // try every split of the remaining name that does not cross a separator
                    for (int k = si; k <= s.length(); k++) {
                        if (matchAt(p, pi, s, k)) {
                            return true;
                        }
                        if (k < s.length() && s.charAt(k) == '/') {
                            return false;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length() || s.charAt(si) == '/') {
                        return false;
                    }
                    si += Character.charCount(s.codePointAt(si));
                    pi++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    CharClass cls = new CharClass(p, pi);
                    int cp = s.codePointAt(si);
                    if (!cls.matches(cp)) {
                        return false;
                    }
                    si += Character.charCount(cp);
                    pi = cls.end;
                }
                case '\\' -> {
                    if (si >= s.length() || s.charAt(si) != p.charAt(pi + 1)) {
                        return false;
                    }
                    si++;
                    pi += 2;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    si++;
                    pi++;
                }
            }
        }
        return si == s.length();
    }

    static IllegalArgumentException bad() {
        return new IllegalArgumentException("syntax error in pattern");
    }

    /** A parsed {@code [...]} class, as Go reads it (ranges of code points, optionally negated). */
    static final class CharClass {
        final boolean negated;
        final int[] lows;
        final int[] highs;
        /** Index just after the closing ']'. */
        final int end;

        CharClass(String p, int open) {
            int i = open + 1;
            boolean neg = false;
            if (i < p.length() && p.charAt(i) == '^') {
                neg = true;
                i++;
            }
            List<int[]> ranges = new ArrayList<>();
            while (true) {
                if (i < p.length() && p.charAt(i) == ']' && !ranges.isEmpty()) {
                    i++;
                    break;
                }
                int[] lo = escapedChar(p, i);
                i = lo[1];
                int hi = lo[0];
                if (p.charAt(i) == '-') {
                    int[] h = escapedChar(p, i + 1);
                    hi = h[0];
                    i = h[1];
                }
                ranges.add(new int[] {lo[0], hi});
            }
            this.negated = neg;
            this.lows = ranges.stream().mapToInt(r -> r[0]).toArray();
            this.highs = ranges.stream().mapToInt(r -> r[1]).toArray();
            this.end = i;
        }

        /** One class character: {value, next index}. Mirrors the errors of Go's getEsc. */
        private static int[] escapedChar(String p, int i) {
            if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
                throw bad();
            }
            if (p.charAt(i) == '\\') {
                i++;
                if (i >= p.length()) {
                    throw bad();
                }
            }
            int cp = p.codePointAt(i);
            i += Character.charCount(cp);
            if (i >= p.length()) {
                // the class was never closed by ']'
                throw bad();
            }
            return new int[] {cp, i};
        }

        boolean matches(int cp) {
            boolean in = false;
            for (int k = 0; k < lows.length; k++) {
                if (lows[k] <= cp && cp <= highs[k]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }

        /** The same class as a java.util.regex class, every character quoted so nothing is special. */
        String toRegex() {
            StringBuilder body = new StringBuilder();
            for (int k = 0; k < lows.length; k++) {
                if (highs[k] < lows[k]) {
                    continue; // Go accepts a reversed range and it matches nothing; java.util.regex would reject it
                }
                body.append("\\x{").append(Integer.toHexString(lows[k])).append('}');
                if (highs[k] != lows[k]) {
                    body.append("-\\x{").append(Integer.toHexString(highs[k])).append('}');
                }
            }
            if (body.length() == 0) {
                return negated ? "(?s:.)" : "(?!)";
            }
            return (negated ? "[^" : "[") + body + "]";
        }
    }
}
