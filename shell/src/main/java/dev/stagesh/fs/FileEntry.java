package dev.stagesh.fs;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a snapshot's filesystem, as read from a tar header (never its content).
 *
 * @param path       absolute, normalized path ({@code /app/app}); the root is {@code /}
 * @param type       entry kind
 * @param mode       permission bits including setuid (04000), setgid (02000) and sticky (01000)
 * @param size       bytes of content for regular files; 0 for others as tar stores them
 * @param linkTarget symlink target exactly as stored (relative or absolute), or for a hard link the
 *                   absolute path of the file it names; {@code null} for other types
 * @param devMajor   device major number, 0 unless a device
 * @param devMinor   device minor number, 0 unless a device
 */
public record FileEntry(String path, EntryType type, int mode, long uid, long gid, long size,
                        Instant mtime, String linkTarget, int devMajor, int devMinor) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mtime, "mtime");
        if (!path.equals(FsPaths.normalize(path))) {
            throw new IllegalArgumentException("path must be absolute and normalized: " + path);
        }
        // tar writers differ on whether they include S_IFMT bits; the type is carried by `type`
        mode &= 07777;
    }

    /** A directory entry for a path whose tar header we never saw (an implied ancestor). */
    static FileEntry impliedDirectory(String path) {
        return new FileEntry(path, EntryType.DIRECTORY, 0755, 0, 0, 0, Instant.EPOCH, null, 0, 0);
    }

    /** The last path component; {@code /} for the root. */
    public String name() {
        return FsPaths.name(path);
    }

    public boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    public boolean isSymlink() {
        return type == EntryType.SYMLINK;
    }

    /** A regular file or a hard link to one: something whose bytes {@code cat} can print. */
    public boolean isRegular() {
        return type == EntryType.FILE || type == EntryType.HARDLINK;
    }
}
