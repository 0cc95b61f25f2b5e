package dev.stagesh.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Go string semantics that BuildKit's parser relies on and Java does not share: Go's idea of white space
 * ({@code unicode.IsSpace}), {@code strings.TrimSpace}, splitting on {@code [\t\v\f\r ]+} with
 * {@code regexp.Split} semantics, and {@code strconv.Quote}.
 */
public final class GoText {
    private GoText() {
    }

    /** Go's {@code unicode.IsSpace}: includes U+0085 and U+00A0, unlike {@link Character#isWhitespace(int)}. */
    public static boolean isSpace(int cp) {
        if (cp < 0x80) {
            return cp == ' ' || (cp >= '\t' && cp <= '\r');
        }
        if (cp == 0x85 || cp == 0xA0) {
            return true;
        }
        if (cp < 0x1680) {
            return false;
        }
        return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /** The class {@code [\t\v\f\r ]} BuildKit uses to split instruction names and argument lists. */
    static boolean isSplitSpace(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }

    public static String trimSpace(String s) {
        return trimRightSpace(trimLeftSpace(s));
    }

    public static String trimLeftSpace(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i == 0 ? s : s.substring(i);
    }

    public static String trimRightSpace(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Number of leading chars that {@link #trimLeftSpace} would remove. */
    static int leadingSpaceLength(String s) {
        return s.length() - trimLeftSpace(s).length();
    }

    /**
     * Go's {@code regexp.MustCompile(`[\t\v\f\r ]+`).Split(s, limit)} (limit &lt;= 0: no limit): separators at
     * either end yield empty elements, and the empty string yields {@code [""]}.
     */
    static List<String> splitWhitespace(String s, int limit) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int beg = 0;
        int i = 0;
        while (i < n) {
            if (limit > 0 && out.size() == limit - 1) {
                break;
            }
            if (!isSplitSpace(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && isSplitSpace(s.charAt(j))) {
                j++;
            }
            out.add(s.substring(beg, i));
            beg = j;
            i = j;
        }
        out.add(s.substring(beg));
        return out;
    }

    /** Go's {@code strconv.Quote}, applied to the code points of a Java string. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                // A lone surrogate cannot come from valid UTF-8; Go would have seen U+FFFD, which is printable.
                cp = 0xFFFD;
            }
            appendQuoted(sb, cp);
        }
        sb.append('"');
        return sb.toString();
    }

    /**
     * Go's {@code strconv.QuoteRune}, which {@code fmt}'s {@code %q} applies to an integer: BuildKit
     * writes HEALTHCHECK's retries so into history ({@code '\x03'}).
     */
    public static String quoteRune(long value) {
        int cp = value < 0 || value > Character.MAX_CODE_POINT
                || (value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE) ? 0xFFFD : (int) value;
        StringBuilder sb = new StringBuilder("'");
        switch (cp) {
            case '\'' -> sb.append("\\'");
            case '"' -> sb.append('"'); // escaped only inside double quotes
            default -> appendQuoted(sb, cp);
        }
        return sb.append('\'').toString();
    }

    private static void appendQuoted(StringBuilder sb, int cp) {
        switch (cp) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    sb.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7F) {
                    sb.append("\\x").append(hex(cp, 2));
                } else if (cp < 0x10000) {
                    sb.append("\\u").append(hex(cp, 4));
                } else {
                    sb.append("\\U").append(hex(cp, 8));
                }
            }
        }
    }

    private static String hex(int v, int width) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Go's {@code strings.ToLower} with simple (one-to-one) case mapping per code point. */
    public static String toLower(String s) {
        StringBuilder sb = null;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int lower = Character.toLowerCase(cp);
            if (lower != cp && sb == null) {
                sb = new StringBuilder(s.length());
                sb.append(s, 0, i);
            }
            if (sb != null) {
                sb.appendCodePoint(lower);
            }
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }
}
