package dev.stagesh.fs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves paths within a {@link FileTree} the way the kernel walks them inside the container:
 * symlinks in the middle of a path are always followed, the last one only when asked (as {@code cat}
 * does, unlike {@code ls -l} or {@code stat}); absolute targets start again at the snapshot's root,
 * never the host's; {@code ..} is applied after following, so {@code link/..} is the target's parent.
 * More than 40 symlinks in one walk is a loop, Linux's limit.
 *
 * <p>Resolution is only as complete as the tree: a target outside what was read is "No such file".
 */
public final class PathResolver {

    /** Linux's MAXSYMLINKS: beyond this many links in one lookup, the kernel answers ELOOP. */
    static final int MAX_SYMLINKS = 40;
    /** Hard links in a tar point at one earlier regular file; a longer chain means a broken archive. */
    private static final int MAX_HARDLINK_HOPS = 8;

    private final FileTree tree;

    public PathResolver(FileTree tree) {
        this.tree = tree;
    }

    public FileTree tree() {
        return tree;
    }

    /** The entry {@code path} names after following every symlink, as {@code stat -L} or {@code cat} sees it. */
    public FileEntry resolve(String path) {
        return walk(path, true);
    }

    /** The entry {@code path} names, following symlinks except a final one, as {@code lstat} sees it. */
    public FileEntry lookup(String path) {
        return walk(path, false);
    }

    /**
     * The path of the tar entry holding the bytes {@code cat path} prints: symlinks and hard links
     * followed.
     *
     * @throws FsException "Is a directory" for directories, "No such file or directory" when missing,
     *                     and a "not a regular file" message for devices and fifos, whose content tar has not
     */
    public String contentPath(String path) {
        FileEntry e = resolve(path);
        for (int hops = 0; e.type() == EntryType.HARDLINK; hops++) {
            if (hops == MAX_HARDLINK_HOPS) {
                throw FsException.symlinkLoop(path);
            }
            String target = e.linkTarget();
            e = tree.entry(target).orElseThrow(() -> FsException.noSuchFile(path));
        }
        if (e.isDirectory()) {
            throw FsException.isADirectory(path);
        }
        if (e.type() != EntryType.FILE) {
            throw new FsException(path + ": not a regular file (" + e.type().statName() + ")");
        }
        return e.path();
    }

    private FileEntry walk(String path, boolean followLast) {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, path);
        // "dir/" must name a directory, and a trailing slash makes a final symlink be followed
        if (path.endsWith("/") && !pending.isEmpty()) {
            pending.addLast(".");
        }
        FileEntry current = tree.entry("/").orElseThrow(() -> FsException.noSuchFile(path));
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (!current.isDirectory()) {
                throw FsException.notADirectory(path);
            }
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                String parent = FsPaths.parent(current.path());
                current = tree.entry(parent).orElseThrow(() -> FsException.noSuchFile(path));
                continue;
            }
            String next = FsPaths.child(current.path(), part);
            FileEntry e = tree.entry(next).orElseThrow(() -> FsException.noSuchFile(path));
            if (e.isSymlink() && (followLast || !pending.isEmpty())) {
                if (++links > MAX_SYMLINKS) {
                    throw FsException.symlinkLoop(path);
                }
                String target = e.linkTarget();
                if (target.isEmpty()) {
                    throw FsException.noSuchFile(path);
                }
                push(pending, target);
                if (target.startsWith("/")) {
                    current = tree.entry("/").orElseThrow();
                }
                continue;
            }
            current = e;
        }
        return current;
    }

    /** Puts the components of {@code path} in front of what is still to walk. */
    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty()) {
                pending.addFirst(parts[i]);
            }
        }
    }
}
