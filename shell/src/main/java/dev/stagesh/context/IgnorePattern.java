package dev.stagesh.context;

import java.util.regex.Pattern;

/**
 * One cleaned line of a .dockerignore (or one {@code --exclude=} value).
 *
 * @param pattern   the cleaned pattern, without the leading '!'
 * @param exception true for a {@code !pattern} line, which re-includes what earlier lines excluded
 * @param line      1-based line in the file (0 when the pattern did not come from a file)
 * @param regex     the pattern translated the way docker's patternmatcher translates it
 */
public record IgnorePattern(String pattern, boolean exception, int line, Pattern regex) {

    /** True when the pattern has no wildcard, so it can only ever match the one path it names. */
    boolean literal() {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '^' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return (exception ? "!" : "") + pattern;
    }

    /**
     * Builds a pattern from already-cleaned text (no '!'). Throws IllegalArgumentException for a pattern Go's
     * filepath.Match would reject, because docker validates every pattern that way before using it.
     */
    static IgnorePattern compile(String cleaned, boolean exception, int line) {
        GoGlob.validate(cleaned);
        return new IgnorePattern(cleaned, exception, line, Pattern.compile(toRegex(cleaned), Pattern.DOTALL));
    }

    /*
     * Translation rules (docker's, written out here as facts):
     *  - "*" matches within one path element, "?" one character of it;
     *  - "**" matches any number of elements: "**" followed by "/" (or a "**" in the middle) means
     *    "zero or more whole directories", a trailing "**" means "anything below";
     *  - a leading "**" directly followed by a name with no other wildcard ("**foo") is a plain suffix test
     *    in docker, so it also matches "barfoo";
     *  - "\x" is the literal x; classes keep Go's meaning.
     */
    private static String toRegex(String p) {
        StringBuilder re = new StringBuilder("^");
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < n && p.charAt(i + 1) == '*') {
                boolean atStart = i == 0;
                i += 2;
                boolean slash = i < n && p.charAt(i) == '/';
                if (slash) {
                    i++;
                }
                if (i >= n) {
                    re.append(".*");
                } else if (atStart && !slash && restIsLiteral(p, i)) {
                    re.append(".*");
                } else {
                    re.append("(?:.*/)?");
                }
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '\\') {
                // validate() guarantees a following character
                int cp = p.codePointAt(i + 1);
                re.append(Pattern.quote(new String(Character.toChars(cp))));
                i += 1 + Character.charCount(cp);
            } else if (c == '[') {
                GoGlob.CharClass cls = new GoGlob.CharClass(p, i);
                re.append(cls.toRegex());
                i = cls.end;
            } else {
                int cp = p.codePointAt(i);
                re.append(Pattern.quote(new String(Character.toChars(cp))));
                i += Character.charCount(cp);
            }
        }
        return re.append('$').toString();
    }

    private static boolean restIsLiteral(String p, int from) {
        for (int i = from; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                return false; // anything docker turns into regex syntax ends its plain suffix test
            }
        }
        return true;
    }
}
