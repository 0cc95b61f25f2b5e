package dev.stagesh.fs;

/**
 * A shell pattern matched against one name the way {@code fnmatch(3)} does for {@code find -name}:
 * {@code *} any run of characters (a leading dot included, as in find), {@code ?} one character,
 * {@code [...]} a set with ranges, {@code !} or {@code ^} negation and POSIX classes such as
 * {@code [:digit:]}, and backslash quoting the next character. An unclosed {@code [} is literal.
 */
public final class Glob {

    private final int[] pattern;

    public Glob(String pattern) {
        this.pattern = pattern.codePoints().toArray();
    }

    public boolean matches(String name) {
        int[] text = name.codePoints().toArray();
        // iterative matching with a single backtrack point for the last '*': linear in practice
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length) {
            if (p < pattern.length && pattern[p] == '*') {
                starP = ++p;
                starT = t;
                continue;
            }
            int step = p < pattern.length ? matchOne(p, text[t]) : -1;
            if (step > 0) {
                p += step;
                t++;
                continue;
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            t = ++starT;
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** How many pattern code points matched {@code c} at {@code p}, or -1 if it does not match. */
    private int matchOne(int p, int c) {
        int pc = pattern[p];
        if (pc == '?') {
            return 1;
        }
        if (pc == '\\' && p + 1 < pattern.length) {
            return pattern[p + 1] == c ? 2 : -1;
        }
        if (pc == '[') {
            int end = setEnd(p);
            if (end > 0) {
                return inSet(p + 1, end, c) ? end - p + 1 : -1;
            }
        }
        return pc == c ? 1 : -1;
    }

    /** Index of the {@code ]} closing the set opened at {@code open}, or -1 when it is not closed. */
    private int setEnd(int open) {
        int i = open + 1;
        if (i < pattern.length && (pattern[i] == '!' || pattern[i] == '^')) {
            i++;
        }
        if (i < pattern.length && pattern[i] == ']') {
            i++; // a ']' right after the opening is a member
        }
        while (i < pattern.length && pattern[i] != ']') {
            if (pattern[i] == '[' && i + 1 < pattern.length && pattern[i + 1] == ':') {
                int close = classEnd(i);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            }
            if (pattern[i] == '\\') {
                i++;
            }
            i++;
        }
        return i < pattern.length ? i : -1;
    }

    /** For {@code [:name:]} starting at {@code i}, the index of its final {@code ]}, or -1. */
    private int classEnd(int i) {
        for (int j = i + 2; j + 1 < pattern.length; j++) {
            if (pattern[j] == ':' && pattern[j + 1] == ']') {
                return j + 1;
            }
            if (!Character.isLetter(pattern[j])) {
                return -1;
            }
        }
        return -1;
    }

    private boolean inSet(int from, int end, int c) {
        boolean negate = pattern[from] == '!' || pattern[from] == '^';
        int i = negate ? from + 1 : from;
        boolean found = false;
        boolean first = true;
        while (i < end) {
            int lo = pattern[i];
            if (lo == '[' && i + 1 < end && pattern[i + 1] == ':') {
                int close = classEnd(i);
                if (close > 0) {
                    found |= inClass(new String(pattern, i + 2, close - 1 - (i + 2)), c);
                    i = close + 1;
                    first = false;
                    continue;
                }
            }
            if (lo == '\\' && i + 1 < end) {
                lo = pattern[++i];
            } else if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
                int hi = pattern[i + 2];
                int skip = 3;
                if (hi == '\\' && i + 3 < end) {
                    hi = pattern[i + 3];
                    skip = 4;
                }
                found |= lo <= c && c <= hi;
                i += skip;
            } else {
                found |= lo == c;
                i++;
            }
        }
        return found != negate;
    }

    private static boolean inClass(String name, int c) {
        return switch (name) {
            case "alpha" -> Character.isLetter(c);
            case "digit" -> c >= '0' && c <= '9';
            case "alnum" -> Character.isLetterOrDigit(c);
            case "upper" -> Character.isUpperCase(c);
            case "lower" -> Character.isLowerCase(c);
            case "space" -> Character.isWhitespace(c);
            case "blank" -> c == ' ' || c == '\t';
            case "punct" -> c < 128 && c > 32 && !Character.isLetterOrDigit(c);
            case "xdigit" -> Character.digit(c, 16) >= 0 && c < 128;
            case "cntrl" -> Character.isISOControl(c);
            case "print" -> c >= 32 && c != 127;
            case "graph" -> c > 32 && c != 127;
            default -> false;
        };
    }
}
