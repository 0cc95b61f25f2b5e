package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.parser.Node;

import java.util.regex.Pattern;

/** Validation of flag values that BuildKit checks when it converts the instruction ({@code --chmod}). */
final class FlagValues {
    private static final Pattern SYMBOLIC =
            Pattern.compile("[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+(?:,[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+)*");

    private FlagValues() {
    }

    /**
     * Returns the value if it is a valid chmod (octal up to 07777 or symbolic), else throws; null passes, and an
     * empty value (a variable that expanded to nothing) means no chmod, as in BuildKit.
     */
    static String checkChmod(String value, Node node) {
        if (value == null || value.contains("$")) {
            return value; // validated after expansion
        }
        if (value.isEmpty()) {
            return null;
        }
        String nonOctal = "invalid chmod parameter: '" + value + "'. it should be octal string and between 0 and 07777";
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            boolean octal = value.chars().allMatch(c -> c <= '7');
            if (!octal || value.length() > 12 || Long.parseLong(value, 8) > 07777) {
                throw Located.error(nonOctal, node, "--chmod");
            }
            return value;
        }
        if (!SYMBOLIC.matcher(value).matches()) {
            if (value.startsWith("+") || value.startsWith("-") || value.chars().anyMatch(Character::isDigit)) {
                throw Located.error(nonOctal, node, "--chmod");
            }
            throw Located.error("invalid chmod parameter: '" + value + "'", node, "--chmod");
        }
        return value;
    }
}
