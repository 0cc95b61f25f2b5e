package dev.stagesh.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Reads the metadata docker cares about from the local disk, without following symlinks. */
final class FileStat {
    private FileStat() {
    }

    /** The entry for {@code file} under the name {@code path}, or null for fifos, sockets and devices. */
    static ContextEntry stat(Path file, String path) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        EntryType type;
        if (attrs.isSymbolicLink()) {
            type = EntryType.SYMLINK;
        } else if (attrs.isDirectory()) {
            type = EntryType.DIRECTORY;
        } else if (attrs.isRegularFile()) {
            type = EntryType.FILE;
        } else {
            return null;
        }
        String link = type == EntryType.SYMLINK ? Files.readSymbolicLink(file).toString() : null;
        long size = type == EntryType.FILE ? attrs.size() : 0;
        return new ContextEntry(path, type, mode(file, type), size, attrs.lastModifiedTime().toMillis(), link, file);
    }

    /** Permission bits, with setuid/setgid/sticky when the platform can tell (the "unix" view on Linux/macOS). */
    private static int mode(Path file, EntryType type) throws IOException {
        if (type == EntryType.SYMLINK) {
            return 0777; // what lstat reports on Linux, and what docker writes for links
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) mode) & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return posixBits(file);
        }
    }

    private static int posixBits(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            int bits = 0;
            for (PosixFilePermission p : perms) {
                bits |= 1 << (8 - p.ordinal()); // the enum is declared from OWNER_READ (0400) to OTHERS_EXECUTE (01)
            }
            return bits;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(file) ? 0755 : 0644; // non-POSIX disk: what docker uses for files from Windows
        }
    }
}
