package dev.stagesh.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the exec-form argument list ({@code ["a", "b"]}) with the acceptance rules of Go's {@code encoding/json}
 * unmarshalling into {@code []any}, which is what decides between exec form and shell form in BuildKit: strict RFC
 * syntax, nesting up to 10000, lone surrogate escapes decoded to U+FFFD, and numbers that overflow a float64
 * rejected. A general JSON library differs in enough corners (nesting limits, lenient features, surrogates) that a
 * small purpose-built scanner is simpler than configuring one. It is iterative, so hostile nesting cannot overflow
 * the Java stack.
 */
final class GoJsonArray {
    private static final int MAX_DEPTH = 10000;

    /** Outcome of decoding. */
    enum Kind {
        /** A JSON array of strings: exec form. */
        STRINGS,
        /** Valid JSON array with an element that is not a string: BuildKit's hard error. */
        NOT_STRINGS,
        /** Not JSON (or not decodable): the text is used as a plain string. */
        NOT_JSON
    }

    record Result(Kind kind, List<String> values) {
    }

    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    private static final Invalid INVALID = new Invalid();

    private final String s;
    private int pos;
    private boolean overflow;

    private GoJsonArray(String s) {
        this.s = s;
    }

    /** {@code text} must start with {@code [}. */
    static Result decode(String text) {
        GoJsonArray p = new GoJsonArray(text);
        try {
            return p.run();
        } catch (Invalid e) {
            return new Result(Kind.NOT_JSON, List.of());
        }
    }

    private Result run() {
        List<String> elements = new ArrayList<>();
        boolean nonString = false;
        char[] stack = new char[16];
        int depth = 0;
        boolean expectValue = true;
        skipWs();
        while (true) {
            if (expectValue) {
                skipWs();
                char c = peek();
                if (c == '[' || c == '{') {
                    if (depth == 1) {
                        nonString = true;
                    }
                    if (depth == MAX_DEPTH) {
                        throw INVALID;
                    }
                    if (depth == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = c;
                    pos++;
                    skipWs();
                    if ((c == '[' && peek() == ']') || (c == '{' && peek() == '}')) {
                        pos++;
                        depth--;
                        expectValue = false;
                    } else if (c == '{') {
                        objectKey();
                    }
                    continue;
                }
                if (c == '"') {
                    String v = string();
                    if (depth == 1) {
                        elements.add(v);
                    }
                } else if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                    nonString |= depth == 1;
                } else if (c == 't' || c == 'f' || c == 'n') {
                    literal(c == 't' ? "true" : c == 'f' ? "false" : "null");
                    nonString |= depth == 1;
                } else {
                    throw INVALID;
                }
                expectValue = false;
                continue;
            }
            if (depth == 0) {
                skipWs();
                if (pos != s.length()) {
                    throw INVALID;
                }
                break;
            }
            skipWs();
            char c = peek();
            char open = stack[depth - 1];
            if (c == ',') {
                pos++;
                if (open == '{') {
                    skipWs();
                    objectKey();
                }
                expectValue = true;
            } else if ((c == ']' && open == '[') || (c == '}' && open == '{')) {
                pos++;
                depth--;
            } else {
                throw INVALID;
            }
        }
        if (overflow) {
            // Go saves the number conversion error and returns it: the text is then treated as a plain string.
            return new Result(Kind.NOT_JSON, List.of());
        }
        return new Result(nonString ? Kind.NOT_STRINGS : Kind.STRINGS, elements);
    }

    private void objectKey() {
        if (peek() != '"') {
            throw INVALID;
        }
        string();
        skipWs();
        if (peek() != ':') {
            throw INVALID;
        }
        pos++;
    }

    private char peek() {
        if (pos >= s.length()) {
            throw INVALID;
        }
        return s.charAt(pos);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw INVALID;
        }
        pos += word.length();
    }

    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        char c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw INVALID;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw INVALID;
            }
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            char sign = peek();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw INVALID;
            }
            digits();
        }
        if (Double.isInfinite(Double.parseDouble(s.substring(start, pos)))) {
            overflow = true;
        }
    }

    private void digits() {
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = peek();
            pos++;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw INVALID;
            }
            if (c != '\\') {
                if (Character.isHighSurrogate(c) && pos < s.length() && Character.isLowSurrogate(s.charAt(pos))) {
                    sb.append(c).append(s.charAt(pos++));
                } else if (Character.isSurrogate(c)) {
                    sb.append('\uFFFD'); // invalid UTF-8 in Go
                } else {
                    sb.append(c);
                }
                continue;
            }
            char e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int u = hex4(pos);
                    if (u < 0) {
                        throw INVALID;
                    }
                    pos += 4;
                    char ch = (char) u;
                    if (Character.isSurrogate(ch)) {
                        int low = pos + 6 <= s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u'
                                ? hex4(pos + 2) : -1;
                        if (Character.isHighSurrogate(ch) && low >= 0 && Character.isLowSurrogate((char) low)) {
                            sb.append(ch).append((char) low);
                            pos += 6;
                        } else {
                            sb.append('\uFFFD');
                        }
                    } else {
                        sb.append(ch);
                    }
                }
                default -> throw INVALID;
            }
        }
    }

    private int hex4(int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
