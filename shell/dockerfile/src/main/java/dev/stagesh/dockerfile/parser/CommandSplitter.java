package dev.stagesh.dockerfile.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into instruction name, leading {@code --flags} and the argument text, as BuildKit's
 * {@code splitCommand}/{@code extractBuilderFlags} do.
 *
 * <p>The flag scanner deliberately works on UTF-8 bytes and turns each byte into one char, because BuildKit's does:
 * non-ASCII text inside a flag comes out as Latin-1 mojibake ({@code --chown=été} becomes {@code --chown=Ã©tÃ©}),
 * and bytes 0x85 and 0xA0 count as white space there.
 */
final class CommandSplitter {
    private CommandSplitter() {
    }

    record Split(String name, List<String> flags, String args) {
    }

    static Split split(String line, char escape) {
        List<String> parts = GoText.splitWhitespace(GoText.trimSpace(line), 2);
        String name = parts.get(0);
        if (parts.size() < 2) {
            return new Split(name, List.of(), "");
        }
        List<String> flags = new ArrayList<>();
        String rest = extractFlags(parts.get(1), escape, flags);
        return new Split(name, flags, GoText.trimSpace(rest));
    }

    private static boolean isSpaceByte(int b) {
        return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
    }

    /** Appends the flag words to {@code flags}; returns the raw remainder after the last flag. */
    static String extractFlags(String text, char escape, List<String> flags) {
        if (!mayStartWithFlag(text)) {
            return text;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        int pos = 0;
        while (true) {
            while (pos < n && isSpaceByte(b[pos] & 0xFF)) {
                pos++;
            }
            if (pos == n) {
                return "";
            }
            if (!(b[pos] == '-' && pos + 1 < n && b[pos + 1] == '-')) {
                return remainder(b, pos);
            }
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            int quote = 0;
            boolean inQuote = false;
            while (pos < n) {
                int c = b[pos] & 0xFF;
                if (inQuote) {
                    pos++;
                    if (c == quote) {
                        inQuote = false;
                        continue;
                    }
                    if (c == escape) {
                        if (pos == n) {
                            inQuote = false;
                            continue; // an escape at the very end is dropped
                        }
                        c = b[pos++] & 0xFF;
                    }
                    word.append((char) c);
                    continue;
                }
                if (isSpaceByte(c)) {
                    break;
                }
                pos++;
                if (c == '\'' || c == '"') {
                    quote = c;
                    quoted = true;
                    inQuote = true;
                    continue;
                }
                if (c == escape) {
                    if (pos == n) {
                        continue;
                    }
                    c = b[pos++] & 0xFF;
                }
                word.append((char) c);
            }
            String w = word.toString();
            if (pos == n) {
                if (!w.equals("--") && (quoted || !w.isEmpty())) {
                    flags.add(w);
                }
                return "";
            }
            if (w.equals("--")) {
                return remainder(b, pos);
            }
            if (quoted || !w.isEmpty()) {
                flags.add(w);
            }
        }
    }

    /** Cheap pre-check so the byte conversion only happens for lines that have flags. */
    private static boolean mayStartWithFlag(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && isSpaceByte(c)) {
                continue;
            }
            if (c == 0x85 || c == 0xA0) {
                return true; // U+0085/U+00A0 are not these bytes in UTF-8; let the byte scanner decide
            }
            return c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-';
        }
        return true;
    }

    private static String remainder(byte[] b, int pos) {
        return new String(b, pos, b.length - pos, StandardCharsets.UTF_8);
    }
}
