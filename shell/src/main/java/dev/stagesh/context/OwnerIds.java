package dev.stagesh.context;

import dev.stagesh.fs.AccountFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of an image's user and group names (from its {@code /etc/passwd} and {@code /etc/group}, read
 * by {@link AccountFile}; the other way round, names of ids, is {@link dev.stagesh.fs.Owners}), to turn a
 * {@code --chown=user[:group]} or a USER into numeric ids the way docker does:
 * numbers pass through, a user without a group gets the user's primary group (a bare uid gets gid = uid),
 * and an unknown name is an error.
 */
public final class OwnerIds {
    private final Map<String, Ownership> users;
    private final Map<String, Integer> groups;

    private OwnerIds(Map<String, Ownership> users, Map<String, Integer> groups) {
        this.users = Map.copyOf(users);
        this.groups = Map.copyOf(groups);
    }

    /** Either text may be null or empty (an image without the file); read by {@link AccountFile}. */
    public static OwnerIds parse(String passwdText, String groupText) {
        Map<String, Ownership> users = new LinkedHashMap<>();
        for (AccountFile.Account u : AccountFile.users(passwdText)) {
            // Ownership holds ints: an id past 2^31 is not one docker's --chown takes either
            if (u.id() <= Integer.MAX_VALUE && u.group().getAsLong() <= Integer.MAX_VALUE) {
                users.putIfAbsent(u.name(), new Ownership((int) u.id(), (int) u.group().getAsLong()));
            }
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (AccountFile.Account g : AccountFile.groups(groupText)) {
            if (g.id() <= Integer.MAX_VALUE) {
                groups.putIfAbsent(g.name(), (int) g.id());
            }
        }
        return new OwnerIds(users, groups);
    }

    /** Resolves {@code user}, {@code user:group}, {@code uid}, {@code uid:gid} or any mix. */
    public Ownership resolve(String spec) {
        String text = spec == null ? "" : spec.strip();
        int colon = text.indexOf(':');
        String user = colon < 0 ? text : text.substring(0, colon);
        String group = colon < 0 ? null : text.substring(colon + 1);
        if (user.isEmpty() || (group != null && group.isEmpty())) {
            throw new ContextException("invalid --chown value \"" + spec + "\": expected user[:group]");
        }
        int uid;
        int gid;
        Integer numericUser = id(user);
        if (numericUser != null) {
            uid = numericUser;
            gid = numericUser;
        } else {
            Ownership found = users.get(user);
            if (found == null) {
                throw new ContextException("unable to find user " + user + ": no matching entries in passwd file");
            }
            uid = found.uid();
            gid = found.gid();
        }
        if (group != null) {
            Integer numericGroup = id(group);
            if (numericGroup != null) {
                gid = numericGroup;
            } else {
                Integer found = groups.get(group);
                if (found == null) {
                    throw new ContextException("unable to find group " + group + ": no matching entries in group file");
                }
                gid = found;
            }
        }
        return new Ownership(uid, gid);
    }

    /** A non-negative decimal id, or null when the text is a name. */
    private static Integer id(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null; // beyond 2^31: not an id Linux can use
        }
    }
}
