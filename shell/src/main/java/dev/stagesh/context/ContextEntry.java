package dev.stagesh.context;

import java.nio.file.Path;

/**
 * One file, directory or symlink of the build context.
 *
 * @param path        context-relative, slash-separated path ("." for the context root itself)
 * @param type        what it is; symlinks are never followed when listing
 * @param mode        permission bits including setuid/setgid/sticky (mode &amp; 07777)
 * @param size        byte size of a regular file, 0 otherwise
 * @param mtimeMillis last modification time
 * @param linkTarget  the symlink's target text exactly as stored, null for other types
 * @param file        where it lives on the local disk
 */
public record ContextEntry(String path, EntryType type, int mode, long size, long mtimeMillis, String linkTarget,
                           Path file) {

    public boolean isDirectory() {
        return type == EntryType.DIRECTORY;
    }

    /** The same object under another name (a symlink source root shows its target's data under its own name). */
    ContextEntry withPath(String newPath) {
        return new ContextEntry(newPath, type, mode, size, mtimeMillis, linkTarget, file);
    }
}
