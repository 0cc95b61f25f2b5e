package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.DockerfileSyntaxException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parser-directive block at the top of a Dockerfile ({@code # syntax=}, {@code # escape=}, {@code # check=}).
 * The first line that is not a known directive closes the block for good.
 */
final class DirectiveParser {
    private final Map<String, String> directives = new LinkedHashMap<>();
    private boolean done;
    private char escapeToken = '\\';

    char escapeToken() {
        return escapeToken;
    }

    Map<String, String> directives() {
        return directives;
    }

    /**
     * Looks at one line (newline and leading white space already removed).
     *
     * @return true if the line was a directive
     */
    boolean offer(String line) {
        if (done) {
            return false;
        }
        if (!line.startsWith("#")) {
            done = true;
            return false;
        }
        String body = GoText.trimLeftSpace(line.substring(1));
        int keyEnd = 0;
        while (keyEnd < body.length() && isKeyChar(body.charAt(keyEnd), keyEnd == 0)) {
            keyEnd++;
        }
        if (keyEnd == 0) {
            done = true;
            return false;
        }
        int i = keyEnd;
        while (i < body.length() && isRegexSpace(body.charAt(i))) {
            i++;
        }
        if (i >= body.length() || body.charAt(i) != '=') {
            done = true;
            return false;
        }
        i++;
        int afterEquals = i;
        while (i < body.length() && isRegexSpace(body.charAt(i))) {
            i++;
        }
        int valueEnd = body.length();
        while (valueEnd > i && isRegexSpace(body.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        String value = body.substring(i, valueEnd);
        if (value.isEmpty() && body.length() > afterEquals) {
            // (.+?) needs one character: the regex backtracks and the value becomes the last blank
            value = body.substring(body.length() - 1);
        }
        if (value.isEmpty()) {
            done = true;
            return false;
        }
        String key = body.substring(0, keyEnd).toLowerCase(Locale.ROOT);
        if (!key.equals("syntax") && !key.equals("escape") && !key.equals("check")) {
            done = true;
            return false;
        }
        if (directives.containsKey(key)) {
            throw new DockerfileSyntaxException("only one " + key + " parser directive can be used");
        }
        directives.put(key, value);
        if (key.equals("escape")) {
            if (!value.equals("`") && !value.equals("\\")) {
                throw new DockerfileSyntaxException("invalid escape token '" + value + "' does not match ` or \\");
            }
            escapeToken = value.charAt(0);
        }
        return true;
    }

    private static boolean isKeyChar(char c, boolean first) {
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return first ? letter : letter || (c >= '0' && c <= '9');
    }

    /** Go's RE2 {@code \s}: {@code [\t\n\f\r ]}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
