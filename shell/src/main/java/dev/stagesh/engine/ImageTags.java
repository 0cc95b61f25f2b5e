package dev.stagesh.engine;

import dev.stagesh.StageshException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tags as docker build takes them ({@code -t}): the reference grammar of
 * {@code distribution/reference} ({@code [domain/]path[:tag]}, the path lowercase), checked all
 * before anything is built, so that one bad tag never leaves an image tagged with only some.
 */
public final class ImageTags {
    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final Pattern PATH_COMPONENT = Pattern.compile(ALNUM + "(?:" + SEPARATOR + ALNUM + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final int NAME_MAX = 255;

    private ImageTags() {
    }

    /** Thrown for a tag docker would refuse; the message says which and why. */
    public static final class InvalidTagException extends StageshException {
        InvalidTagException(String tag, String why) {
            super("invalid tag \"" + tag + "\": " + why);
        }
    }

    /** Every tag checked, each with ":latest" added when it names no tag; throws at the first bad one. */
    public static List<String> normalize(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            out.add(normalize(t));
        }
        return out;
    }

    /** One tag checked, with ":latest" added when it names none. */
    public static String normalize(String tag) {
        if (tag.isEmpty()) {
            throw new InvalidTagException(tag, "an empty name");
        }
        if (tag.contains("@")) {
            throw new InvalidTagException(tag, "a digest cannot be a tag");
        }
        int slash = tag.lastIndexOf('/');
        int colon = tag.indexOf(':', slash + 1);
        String name = colon < 0 ? tag : tag.substring(0, colon);
        String version = colon < 0 ? null : tag.substring(colon + 1);
        if (version != null && !TAG.matcher(version).matches()) {
            throw new InvalidTagException(tag, "invalid reference format (the tag \"" + version
                    + "\" must be letters, digits, '_', '.' or '-', at most 128, not starting with '.' or '-')");
        }
        String[] parts = name.split("/", -1);
        int first = 0;
        if (parts.length > 1 && isDomain(parts[0])) {
            if (!DOMAIN.matcher(parts[0]).matches()) {
                throw new InvalidTagException(tag, "invalid reference format (registry \"" + parts[0] + "\")");
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
                String why = PATH_COMPONENT.matcher(parts[i].toLowerCase(Locale.ROOT)).matches()
                        ? "repository name must be lowercase" : "invalid reference format";
                throw new InvalidTagException(tag, why);
            }
        }
        if (name.length() > NAME_MAX) {
            throw new InvalidTagException(tag, "repository name must not be more than " + NAME_MAX + " characters");
        }
        return version == null ? tag + ":latest" : tag;
    }

    /** docker's rule for the first of several components: a registry when it has '.', ':', capitals or is localhost. */
    private static boolean isDomain(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || !component.toLowerCase(Locale.ROOT).equals(component);
    }
}
