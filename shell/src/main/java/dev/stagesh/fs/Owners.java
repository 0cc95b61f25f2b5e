package dev.stagesh.fs;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * User and group names of a snapshot, from its own {@code /etc/passwd} and {@code /etc/group}
 * (never the host's): uid 1000 is whoever the image says it is. Without those files, ids stay numeric.
 */
public final class Owners {

    private static final Owners NUMERIC = new Owners(Map.of(), Map.of());

    private final Map<Long, String> users;
    private final Map<Long, String> groups;

    private Owners(Map<Long, String> users, Map<Long, String> groups) {
        this.users = users;
        this.groups = groups;
    }

    /** Owners shown as numbers, for images without passwd/group files. */
    public static Owners numeric() {
        return NUMERIC;
    }

    /**
     * Parses the text of {@code /etc/passwd} ({@code name:pw:uid:gid:...}) and {@code /etc/group}
     * ({@code name:pw:gid:members}); either may be null. Like getpwuid, the first line for an id wins;
     * comments and malformed lines are skipped.
     */
    public static Owners parse(String passwd, String group) {
        return new Owners(names(passwd), names(group));
    }

    private static Map<Long, String> names(String text) {
        Map<Long, String> byId = new HashMap<>();
        if (text == null) {
            return Map.copyOf(byId);
        }
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 3 || f[0].isEmpty()) {
                continue;
            }
            try {
                byId.putIfAbsent(Long.parseLong(f[2].trim()), f[0]);
            } catch (NumberFormatException e) {
                // a malformed line is ignored, as libc does
            }
        }
        return Map.copyOf(byId);
    }

    public Optional<String> userName(long uid) {
        return Optional.ofNullable(users.get(uid));
    }

    public Optional<String> groupName(long gid) {
        return Optional.ofNullable(groups.get(gid));
    }

    /** The user's name, or the number when the snapshot does not name it, as ls shows it. */
    public String user(long uid) {
        return userName(uid).orElse(Long.toString(uid));
    }

    public String group(long gid) {
        return groupName(gid).orElse(Long.toString(gid));
    }
}
