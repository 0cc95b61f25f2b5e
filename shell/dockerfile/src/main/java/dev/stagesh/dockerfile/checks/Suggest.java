package dev.stagesh.dockerfile.checks;

import java.util.Locale;

/**
 * BuildKit's {@code util/suggest.Search}: the option closest to a misspelt name, by Levenshtein distance below 3,
 * the first of equally close ones winning; none when the name is one of the options.
 */
final class Suggest {
    private Suggest() {
    }

    static String search(String value, Iterable<String> options, boolean caseSensitive) {
        String val = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
        String match = "";
        int minDistance = 3;
        for (String option : options) {
            String opt = caseSensitive ? option : option.toLowerCase(Locale.ROOT);
            if (val.equals(opt)) {
                return "";
            }
            int d = distance(val, opt);
            if (d < minDistance) {
                match = caseSensitive ? opt : matchCase(opt, value);
                minDistance = d;
            }
        }
        return match;
    }

    private static String matchCase(String val, String orig) {
        if (orig.equals(orig.toLowerCase(Locale.ROOT))) {
            return val.toLowerCase(Locale.ROOT);
        }
        if (orig.equals(orig.toUpperCase(Locale.ROOT))) {
            return val.toUpperCase(Locale.ROOT);
        }
        return val;
    }

    /** Edit distance over code points, unit costs. */
    static int distance(String a, String b) {
        int[] s = a.codePoints().toArray();
        int[] t = b.codePoints().toArray();
        int[] prev = new int[t.length + 1];
        int[] cur = new int[t.length + 1];
        for (int j = 0; j <= t.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= s.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= t.length; j++) {
                int sub = prev[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[t.length];
    }
}
