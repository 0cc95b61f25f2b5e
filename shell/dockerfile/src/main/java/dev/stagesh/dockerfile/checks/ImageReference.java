package dev.stagesh.dockerfile.checks;

import java.util.regex.Pattern;

/**
 * Whether a string is a valid image reference to docker's {@code reference.ParseNormalizedNamed} (used by
 * InvalidDefaultArgInFrom). The grammar is distribution/reference's.
 */
final class ImageReference {
    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[(?:[a-fA-F0-9:]+)\\])";
    private static final String DOMAIN = HOST + "(?::[0-9]+)?";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::" + TAG + ")?(?:@" + DIGEST + ")?");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    private ImageReference() {
    }

    static boolean isValid(String s) {
        return problem(s) == null;
    }

    /** Why {@code ParseNormalizedNamed} refuses {@code s}, in its words, or null when it is valid. */
    static String problem(String s) {
        if (s.isEmpty()) {
            return "invalid reference format";
        }
        if (HEX64.matcher(s).matches()) {
            return "invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings";
        }
        int slash = s.indexOf('/');
        String remainder;
        String domain;
        if (slash < 0 || (!containsAny(s.substring(0, slash), ".:") && !s.substring(0, slash).equals("localhost")
                && s.substring(0, slash).toLowerCase(java.util.Locale.ROOT).equals(s.substring(0, slash)))) {
            domain = "docker.io";
            remainder = s;
        } else {
            domain = s.substring(0, slash);
            remainder = s.substring(slash + 1);
        }
        if (domain.equals("docker.io") && remainder.indexOf('/') < 0) {
            remainder = "library/" + remainder;
        }
        // the name before the first ':' must be lower case (distribution's remoteName)
        int colon = remainder.indexOf(':');
        String repo = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!repo.toLowerCase(java.util.Locale.ROOT).equals(repo)) {
            return "invalid reference format: repository name (" + repo + ") must be lowercase";
        }
        var m = REFERENCE.matcher(domain + "/" + remainder);
        if (!m.matches()) {
            return "invalid reference format";
        }
        return m.group(1).length() <= 255 ? null : "repository name must not be more than 255 characters";
    }

    private static boolean containsAny(String s, String chars) {
        return s.chars().anyMatch(c -> chars.indexOf(c) >= 0);
    }
}
