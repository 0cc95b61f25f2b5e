package dev.stagesh.docker;

/**
 * One path as the engine's archive API describes it. {@code mode} is Go's os.FileMode: the
 * permission bits plus type bits (directory is bit 31, symlink bit 27); {@code mtime} is the
 * engine's RFC 3339 text, to nanoseconds.
 */
public record PathStat(String name, long size, long mode, String mtime, String linkTarget) {
    private static final long DIR = 1L << 31;
    private static final long SYMLINK = 1L << 27;

    public boolean isDirectory() {
        return (mode & DIR) != 0;
    }

    public boolean isSymlink() {
        return (mode & SYMLINK) != 0;
    }
}
