package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The records of an image's {@code /etc/passwd} ({@code name:pw:uid:gid:gecos:home:shell}) or
 * {@code /etc/group} ({@code name:pw:gid:members}), read once for both their uses: names for
 * ids ({@link Owners}, as ls shows them) and ids for names ({@code COPY --chown}). As libc reads
 * them: blank lines and comments skipped, and so is a line without a name or with an id that is
 * not a decimal number Linux can use (32 bits, unsigned). The file's order is kept: the first
 * record of a name or an id wins.
 */
public final class AccountFile {
    private static final long MAX_ID = 0xFFFF_FFFFL;

    /** One record: its name, its id, and for a passwd record its primary group. */
    public record Account(String name, long id, OptionalLong group) {}

    private AccountFile() {}

    /** The users of a passwd text (null or empty: none); a record without a usable gid is skipped. */
    public static List<Account> users(String passwd) {
        List<Account> out = new ArrayList<>();
        for (String[] f : records(passwd, 4)) {
            OptionalLong uid = id(f[2]);
            OptionalLong gid = id(f[3]);
            if (uid.isPresent() && gid.isPresent()) {
                out.add(new Account(f[0], uid.getAsLong(), gid));
            }
        }
        return out;
    }

    /** The groups of a group text (null or empty: none). */
    public static List<Account> groups(String group) {
        List<Account> out = new ArrayList<>();
        for (String[] f : records(group, 3)) {
            id(f[2]).ifPresent(gid -> out.add(new Account(f[0], gid, OptionalLong.empty())));
        }
        return out;
    }

    private static List<String[]> records(String text, int fields) {
        List<String[]> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(":", -1);
            if (f.length >= fields && !f[0].isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    private static OptionalLong id(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(t);
        return id <= MAX_ID ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
