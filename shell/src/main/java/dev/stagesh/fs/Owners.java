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
     * Names for the ids of {@code /etc/passwd} and {@code /etc/group} ({@link AccountFile}); either
     * may be null. Like getpwuid, the first record of an id wins.
     */
    public static Owners parse(String passwd, String group) {
        return new Owners(names(AccountFile.users(passwd)), names(AccountFile.groups(group)));
    }

    private static Map<Long, String> names(java.util.List<AccountFile.Account> accounts) {
        Map<Long, String> byId = new HashMap<>();
        accounts.forEach(a -> byId.putIfAbsent(a.id(), a.name()));
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
