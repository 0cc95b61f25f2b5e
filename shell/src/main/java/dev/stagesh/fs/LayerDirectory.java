package dev.stagesh.fs;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one layer as an overlay store keeps it unpacked (overlay2's {@code diff} directory) into
 * the {@link LayerChanges} its tar would give: the engine writes that tar from this directory,
 * turning a character device 0/0 into a {@code .wh.NAME} whiteout and a directory marked with the
 * {@code trusted.overlay.opaque} attribute into a {@code .wh..wh..opq} one, with mtimes cut to the
 * second. Reading it costs a walk of the directory: no save, no bytes of any file.
 *
 * <p>Whether a directory's own root entry is in the tar depends on how the layer was made (an
 * import keeps the tar it was given); the root is left out here, as a committed layer's tar has it.
 */
public final class LayerDirectory {
    private static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final int S_IFMT = 0170000;

    private LayerDirectory() {
    }

    /** libc's lgetxattr, for the one attribute Java's file views cannot reach (trusted.*). */
    private interface LibC extends Library {
        long lgetxattr(String path, String name, byte[] value, long size);
    }

    /** Loaded on first use: a layer read is the only caller. */
    private static final class Native_ {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    /** Whether the directory's attributes can be read here (libc loads), so a layer read is exact. */
    public static boolean available() {
        try {
            return Native_.LIBC != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * What {@code find -printf} prints per entry, NUL-separated so that no name can break a record:
     * permissions (octal, with setuid, setgid and sticky), uid, gid, size, mtime, type letter,
     * device, inode and link count; then the link target; then the path below the directory.
     */
    private static final String FORMAT = "%m %U %G %s %T@ %y %D %i %n\\0%l\\0%P\\0";

    /**
     * The layer the directory holds. The walk is GNU find's (a tenth of the time a walk in a
     * starting JVM takes); the few entries find cannot tell everything of are asked of the file
     * system here: a character device's numbers (0/0 is a whiteout), a directory's opaque mark.
     *
     * @param below whether layers lie below this one (an opaque mark hides nothing in the bottom one)
     */
    public static LayerChanges read(Path root, boolean below) {
        byte[] out;
        try {
            Process find = new ProcessBuilder("find", root.toString(), "-printf", FORMAT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            find.getOutputStream().close();
            out = find.getInputStream().readAllBytes();
            if (find.waitFor() != 0) {
                throw new FsException("cannot read the layer directory " + root + ": find exited " + find.exitValue());
            }
        } catch (IOException e) {
            throw FsException.unreadable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FsException("the read of the layer directory " + root + " was interrupted");
        }
        return parse(root, below, out);
    }

    private static LayerChanges parse(Path root, boolean below, byte[] out) {
        List<FileEntry> entries = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        Map<String, List<String>> byInode = new HashMap<>();
        int at = 0;
        while (at < out.length) {
            int a = next(out, at);
            int b = next(out, a + 1);
            int c = next(out, b + 1);
            String[] f = new String(out, at, a - at, StandardCharsets.UTF_8).split(" ");
            String target = new String(out, a + 1, b - a - 1, StandardCharsets.UTF_8);
            String rel = new String(out, b + 1, c - b - 1, StandardCharsets.UTF_8);
            at = c + 1;
            if (f.length != 9) {
                throw new FsException("cannot read the layer directory " + root + ": find printed " + String.join(" ", f));
            }
            if (rel.isEmpty()) {
                continue;
            }
            String path = "/" + rel;
            EntryType type = switch (f[5]) {
                case "f" -> EntryType.FILE;
                case "d" -> EntryType.DIRECTORY;
                case "l" -> EntryType.SYMLINK;
                case "c" -> EntryType.CHAR_DEVICE;
                case "b" -> EntryType.BLOCK_DEVICE;
                case "p" -> EntryType.FIFO;
                // a socket: a tar cannot hold one, and the engine's leaves it out
                default -> null;
            };
            if (type == null) {
                continue;
            }
            int major = 0;
            int minor = 0;
            if (type.isDevice()) {
                long rdev = rdev(root.resolve(rel));
                if (type == EntryType.CHAR_DEVICE && rdev == 0) {
                    deletions.add(path);
                    continue;
                }
                major = major(rdev);
                minor = minor(rdev);
            }
            if (type == EntryType.DIRECTORY && below && opaque(root.resolve(rel))) {
                opaque.add(path);
            }
            String secs = f[4].contains(".") ? f[4].substring(0, f[4].indexOf('.')) : f[4];
            FileEntry e = new FileEntry(path, type, Integer.parseInt(f[0], 8), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    type == EntryType.FILE ? Long.parseLong(f[3]) : 0, Instant.ofEpochSecond(Long.parseLong(secs)),
                    type == EntryType.SYMLINK ? target : null, major, minor);
            if (type == EntryType.FILE && Long.parseLong(f[8]) > 1) {
                byInode.computeIfAbsent(f[6] + ":" + f[7], k -> new ArrayList<>()).add(path);
            }
            entries.add(e);
        }
        return new LayerChanges(hardLinked(entries, byInode), deletions, opaque);
    }

    private static int next(byte[] out, int from) {
        for (int i = from; i < out.length; i++) {
            if (out[i] == 0) {
                return i;
            }
        }
        throw new FsException("cannot read a layer directory: find's output ends inside an entry");
    }

    private static long rdev(Path p) {
        try {
            return (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FsException.unreadable(e);
        }
    }

    private static boolean opaque(Path dir) {
        byte[] value = new byte[1];
        long n = Native_.LIBC.lgetxattr(dir.toString(), OPAQUE_XATTR, value, value.length);
        return n == 1 && value[0] == 'y';
    }

    /** Names of one inode: the first in tree order is the file, as the engine's tar writes it; the others link to it. */
    private static List<FileEntry> hardLinked(List<FileEntry> entries, Map<String, List<String>> byInode) {
        Map<String, String> linkTo = new HashMap<>();
        for (List<String> names : byInode.values()) {
            if (names.size() > 1) {
                names.sort(FsPaths.PATH_ORDER);
                for (int i = 1; i < names.size(); i++) {
                    linkTo.put(names.get(i), names.get(0));
                }
            }
        }
        if (linkTo.isEmpty()) {
            return entries;
        }
        List<FileEntry> out = new ArrayList<>(entries.size());
        for (FileEntry e : entries) {
            String first = linkTo.get(e.path());
            out.add(first == null ? e : new FileEntry(e.path(), EntryType.HARDLINK, e.mode(), e.uid(), e.gid(), 0,
                    e.mtime(), first, 0, 0));
        }
        return out;
    }

    /** Linux's dev_t split as glibc's major(3) does it. */
    static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    static int minor(long rdev) {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }
}
