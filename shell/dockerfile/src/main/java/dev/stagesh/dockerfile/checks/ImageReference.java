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
        if (s.isEmpty() || HEX64.matcher(s).matches()) {
            return false;
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
        // the repository part (before a tag or digest) must be lower case
        String repo = remainder;
        int at = repo.indexOf('@');
        if (at >= 0) {
            repo = repo.substring(0, at);
        }
        int colon = repo.lastIndexOf(':');
        if (colon >= 0 && repo.indexOf('/', colon) < 0) {
            repo = repo.substring(0, colon);
        }
        if (!repo.toLowerCase(java.util.Locale.ROOT).equals(repo)) {
            return false;
        }
        var m = REFERENCE.matcher(domain + "/" + remainder);
        return m.matches() && m.group(1).length() <= 255;
    }

    private static boolean containsAny(String s, String chars) {
        return s.chars().anyMatch(c -> chars.indexOf(c) >= 0);
    }
}
