package dev.stagesh.context;

import java.util.List;

/**
 * The flags of a COPY/ADD that change what lands in the image.
 *
 * @param chmod    {@code --chmod} permission bits, or null to keep the files' own modes
 * @param uid      {@code --chown} numeric user (resolve names with {@link OwnerIds}), null for 0
 * @param gid      {@code --chown} numeric group, null for 0
 * @param excludes {@code --exclude} patterns (dockerignore syntax, relative to each source)
 * @param parents  {@code --parents}: keep each source's parent path under the destination
 */
public record CopyOptions(Integer chmod, Integer uid, Integer gid, List<String> excludes, boolean parents) {
    public CopyOptions {
        excludes = List.copyOf(excludes);
        if (chmod != null && (chmod < 0 || chmod > 07777)) {
            throw new ContextException("invalid chmod parameter: " + Integer.toOctalString(chmod));
        }
    }

    /** A plain COPY: own modes, root ownership, nothing excluded, no parents. */
    public static CopyOptions defaults() {
        return new CopyOptions(null, null, null, List.of(), false);
    }

    public CopyOptions withChmod(Integer bits) {
        return new CopyOptions(bits, uid, gid, excludes, parents);
    }

    /** Parses the text of {@code --chmod=} (octal, as docker accepts it) and applies it. */
    public CopyOptions withChmod(String octal) {
        return withChmod(parseChmod(octal));
    }

    public CopyOptions withChown(int newUid, int newGid) {
        return new CopyOptions(chmod, newUid, newGid, excludes, parents);
    }

    public CopyOptions withChown(Ownership owner) {
        return withChown(owner.uid(), owner.gid());
    }

    public CopyOptions withExcludes(List<String> patterns) {
        return new CopyOptions(chmod, uid, gid, patterns, parents);
    }

    public CopyOptions withParents(boolean keepParents) {
        return new CopyOptions(chmod, uid, gid, excludes, keepParents);
    }

    /**
     * The mode a copied file or directory gets: {@code --chmod} replaces every bit, set-user-ID and
     * the like included (BuildKit's copier sets exactly the given mode, so a set-user-ID source
     * copied with {@code --chmod=640} is 0640); a symlink keeps its own, as chmod never reaches it.
     */
    public int copiedMode(int sourceMode, boolean symlink) {
        return chmod == null || symlink ? sourceMode : chmod;
    }

    /**
     * The mode of a directory the copy creates (missing parents, the destination of a directory
     * source): BuildKit makes them with mkdir(2) at {@code --chmod}'s permission bits (0755
     * without), so the daemon's umask 022 applies and mkdir drops the set-user-ID and sticky bits;
     * the set-group-ID bit comes from the parent, see {@link CopyPlanner}.
     */
    public int createdDirMode() {
        return chmod == null ? 0755 : chmod & 0777 & ~UMASK;
    }

    /** The umask dockerd sets for itself at start, which BuildKit's mkdir runs under. */
    private static final int UMASK = 022;

    public static int parseChmod(String octal) {
        String text = octal.strip();
        if (!text.matches("[0-7]{1,4}")) {
            throw new ContextException("invalid chmod parameter: " + octal);
        }
        return Integer.parseInt(text, 8);
    }
}
