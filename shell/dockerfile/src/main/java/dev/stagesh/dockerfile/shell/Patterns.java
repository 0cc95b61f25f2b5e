package dev.stagesh.dockerfile.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell patterns of {@code ${VAR#p}}, {@code ${VAR%p}} and {@code ${VAR/p/r}}: {@code *} and {@code ?} wildcards,
 * no bracket expressions, translated to regular expressions as BuildKit does, including its matching rules for
 * replace-all (Go's non-overlapping matches and {@code $0} templates in the replacement).
 */
final class Patterns {
    private Patterns() {
    }

    static Pattern toRegex(String pattern, boolean greedy, boolean anchored) {
        int[] p = pattern.codePoints().toArray();
        StringBuilder out = new StringBuilder(p.length + 4);
        if (anchored) {
            out.append('^');
        }
        for (int i = 0; i < p.length; i++) {
            int tok = p[i];
            switch (tok) {
                case '*' -> out.append(greedy ? ".*" : ".*?");
                case '?' -> out.append('.');
                case '\\' -> {
                    int after = i + 1 < p.length ? p[i + 1] : -1;
                    if (after == '}' || after == '/') {
                        continue; // the escape only protected the ${} syntax, it is not part of the pattern
                    }
                    if (after != '*' && after != '?' && after != '\\') {
                        throw new ShellSyntaxError("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                                + (after < 0 ? "\uFFFD" : new String(Character.toChars(after))) + "'");
                    }
                    out.append('\\').appendCodePoint(after);
                    i++;
                }
                case '[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$' -> out.append('\\').appendCodePoint(tok);
                default -> out.appendCodePoint(tok);
            }
        }
        // Go's "." does not match a newline, and nothing else is a line terminator there.
        return Pattern.compile(out.toString(), Pattern.UNIX_LINES);
    }

    static String trimPrefix(String pattern, String value, boolean greedy) {
        Matcher m = toRegex(pattern, greedy, true).matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    /** Shortest/longest suffix: both sides reversed, so the leftmost search of a regex can find it. */
    static String trimSuffix(String pattern, String value, boolean greedy) {
        String reversed = trimPrefix(reversePattern(pattern), reverse(value), greedy);
        return reverse(reversed);
    }

    private static String reverse(String s) {
        int[] cps = s.codePoints().toArray();
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            sb.appendCodePoint(cps[i]);
        }
        return sb.toString();
    }

    /** Reverses a pattern but keeps each escape pair in order ({@code a\*c} becomes {@code c\*a}). */
    static String reversePattern(String pattern) {
        int[] p = pattern.codePoints().toArray();
        int[] out = new int[p.length];
        int last = p.length - 1;
        int i = 0;
        while (i <= last) {
            int outIdx = last - i;
            if (p[i] == '\\' && i != last) {
                out[outIdx - 1] = p[i];
                out[outIdx] = p[i + 1];
                i += 2;
            } else {
                out[outIdx] = p[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    static String replace(String value, String pattern, String replacement, boolean all) {
        Pattern re = toRegex(pattern, true, false);
        Matcher m = re.matcher(value);
        if (!all) {
            if (!m.find()) {
                return value;
            }
            return value.substring(0, m.start()) + replacement + value.substring(m.end());
        }
        StringBuilder out = new StringBuilder();
        int lastEnd = 0;
        int search = 0;
        int n = value.length();
        while (search <= n && m.find(search)) {
            int s = m.start();
            int e = m.end();
            out.append(value, lastEnd, s);
            // An empty match right after the previous match is not replaced again (Go's ReplaceAll rule).
            if (e > lastEnd || s == 0) {
                expandTemplate(out, replacement, value, s, e);
            }
            lastEnd = e;
            int width = search < n ? Character.charCount(value.codePointAt(search)) : 1;
            if (search + width > e) {
                search += width;
            } else if (search + 1 > e) {
                search++;
            } else {
                search = e;
            }
        }
        out.append(value, Math.min(lastEnd, n), n);
        return out.toString();
    }

    /**
     * Go's {@code Regexp.Expand} for a pattern without groups: {@code $$} is a dollar, {@code $0}/{@code ${0}} the
     * whole match, other valid references are empty, and a malformed reference keeps its dollar.
     */
    private static void expandTemplate(StringBuilder dst, String template, String src, int s, int e) {
        String t = template;
        while (!t.isEmpty()) {
            int i = t.indexOf('$');
            if (i < 0) {
                break;
            }
            dst.append(t, 0, i);
            t = t.substring(i + 1);
            if (t.startsWith("$")) {
                dst.append('$');
                t = t.substring(1);
                continue;
            }
            int[] ref = reference(t);
            if (ref == null) {
                dst.append('$');
                continue;
            }
            if (ref[1] == 0) {
                dst.append(src, s, e);
            }
            t = t.substring(ref[0]);
        }
        dst.append(t);
    }

    /** Parses a template reference; returns {consumed length, group number or -1}, or null when malformed. */
    private static int[] reference(String t) {
        if (t.isEmpty()) {
            return null;
        }
        boolean brace = t.charAt(0) == '{';
        int start = brace ? 1 : 0;
        int i = start;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == start) {
            return null;
        }
        String name = t.substring(start, i);
        if (brace) {
            if (i >= t.length() || t.charAt(i) != '}') {
                return null;
            }
            i++;
        }
        int num = 0;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                num = -1;
                break;
            }
            num = num * 10 + (c - '0');
        }
        if (name.charAt(0) == '0' && name.length() > 1) {
            num = -1;
        }
        return new int[] {i, num};
    }
}
