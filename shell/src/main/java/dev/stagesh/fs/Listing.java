package dev.stagesh.fs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot's entries as a lister run in a container of it prints them: {@code busybox find /
 * -xdev -exec busybox stat -c FORMAT {} +}, one line per entry. It is what the archive API's tar
 * headers would say (type, mode, owner, size, mtime to the second, link target, device numbers),
 * for the cost of one container run instead of streaming every file's bytes.
 *
 * <p>Entries on another filesystem than the root's are the container's mounts (/proc, /sys, /dev,
 * the engine's /etc/hosts...): they are named in {@link #mountPoints()} and left out, so the caller
 * reads those few paths the way it reads them without a lister. Hard links are told by device and
 * inode: the first name in tree order is the file, the later ones link to it, as a tar has them.
 *
 * @param entries     the entries on the root's filesystem, the mount points left out
 * @param mountPoints paths where another filesystem is mounted (nothing under them was listed)
 */
public record Listing(List<FileEntry> entries, Set<String> mountPoints) {
    /**
     * What busybox stat prints per entry: raw mode (hex), uid, gid, size, mtime (s), device,
     * device major and minor (hex), link count, inode, then the name ({@code 'P' -> 'T'} for a symlink).
     */
    public static final String FORMAT = "%f %u %g %s %Y %d %t %T %h %i %N";
    private static final int FIELDS = 10;
    private static final String ARROW = "' -> '";

    public Listing {
        entries = List.copyOf(entries);
        mountPoints = Set.copyOf(mountPoints);
    }

    /** Thrown when the output is not what the lister prints (a name with a newline in it, say). */
    public static final class MalformedListing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedListing(String message) {
            super(message);
        }
    }

    /** Parses the lister's whole output; the first line must be the root's. */
    public static Listing parse(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                throw new MalformedListing("the listing ends inside a line");
            }
            Line l = end > start ? line(text.substring(start, end)) : null;
            if (l != null) {
                lines.add(l);
            }
            start = end + 1;
        }
        if (lines.isEmpty() || !lines.get(0).entry().path().equals("/")) {
            throw new MalformedListing("the listing does not start at /");
        }
        long rootDevice = lines.get(0).device();
        List<Line> kept = new ArrayList<>();
        Set<String> mounts = new LinkedHashSet<>();
        for (Line l : lines) {
            if (l.device() != rootDevice) {
                mounts.add(l.entry().path());
            } else {
                kept.add(l);
            }
        }
        return new Listing(hardLinked(kept), mounts);
    }

    /** One line: the entry, and the device and inode that tell mounts and hard links apart. */
    private record Line(FileEntry entry, long device, long inode, long links) {}

    /** The line's entry, or null for an entry a tar cannot hold. */
    private static Line line(String line) {
        String[] f = new String[FIELDS];
        int at = 0;
        for (int i = 0; i < FIELDS; i++) {
            int space = line.indexOf(' ', at);
            if (space < 0) {
                throw new MalformedListing("a short line in the listing: " + line);
            }
            f[i] = line.substring(at, space);
            at = space + 1;
        }
        String name = line.substring(at);
        try {
            int raw = Integer.parseInt(f[0], 16);
            if ((raw & 0170000) == 0140000) {
                // a socket: tar has no type for one, and the engine's archive leaves it out
                return null;
            }
            EntryType type = type(raw);
            long size = Long.parseLong(f[3]);
            String path;
            String target = null;
            if (type == EntryType.SYMLINK) {
                // busybox prints 'P' -> 'T'; the target's length in bytes is the link's size, so a
                // name holding the arrow itself is still split right
                if (!name.startsWith("'") || !name.endsWith("'")) {
                    throw new MalformedListing("a symlink line without its target: " + line);
                }
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                int targetStart = bytes.length - 1 - (int) size;
                int arrow = targetStart - ARROW.length();
                if (arrow < 1 || !new String(bytes, arrow, ARROW.length(), StandardCharsets.UTF_8).equals(ARROW)) {
                    throw new MalformedListing("a symlink line without its target: " + line);
                }
                path = new String(bytes, 1, arrow - 1, StandardCharsets.UTF_8);
                target = new String(bytes, targetStart, (int) size, StandardCharsets.UTF_8);
            } else {
                path = name;
            }
            if (!path.startsWith("/") || !path.equals(FsPaths.normalize(path))) {
                throw new MalformedListing("not an absolute path in the listing: " + line);
            }
            int major = type.isDevice() ? Integer.parseInt(f[6], 16) : 0;
            int minor = type.isDevice() ? Integer.parseInt(f[7], 16) : 0;
            // tar stores no size for anything but a regular file
            long kept = type == EntryType.FILE ? size : 0;
            FileEntry e = new FileEntry(path, type, raw & 07777, Long.parseLong(f[1]), Long.parseLong(f[2]), kept,
                    Instant.ofEpochSecond(Long.parseLong(f[4])), target, major, minor);
            return new Line(e, Long.parseLong(f[5]), Long.parseLong(f[9]), Long.parseLong(f[8]));
        } catch (NumberFormatException e) {
            throw new MalformedListing("a field that is not a number in the listing: " + line);
        }
    }

    private static EntryType type(int raw) {
        return switch (raw & 0170000) {
            case 0100000 -> EntryType.FILE;
            case 0040000 -> EntryType.DIRECTORY;
            case 0120000 -> EntryType.SYMLINK;
            case 0020000 -> EntryType.CHAR_DEVICE;
            case 0060000 -> EntryType.BLOCK_DEVICE;
            case 0010000 -> EntryType.FIFO;
            default -> throw new MalformedListing("an entry of unknown type " + Integer.toOctalString(raw));
        };
    }

    /** Regular files sharing an inode: the first in tree order stays, the others become hard links to it. */
    private static List<FileEntry> hardLinked(List<Line> lines) {
        Map<String, List<Line>> byInode = new HashMap<>();
        for (Line l : lines) {
            if (l.links() > 1 && l.entry().type() == EntryType.FILE) {
                byInode.computeIfAbsent(l.device() + ":" + l.inode(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<String, String> linkTo = new HashMap<>();
        for (List<Line> group : byInode.values()) {
            if (group.size() > 1) {
                List<String> paths = new ArrayList<>(group.stream().map(l -> l.entry().path()).toList());
                paths.sort(FsPaths.PATH_ORDER);
                for (int i = 1; i < paths.size(); i++) {
                    linkTo.put(paths.get(i), paths.get(0));
                }
            }
        }
        List<FileEntry> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            FileEntry e = l.entry();
            String first = linkTo.get(e.path());
            out.add(first == null ? e : new FileEntry(e.path(), EntryType.HARDLINK, e.mode(), e.uid(), e.gid(), 0,
                    e.mtime(), first, 0, 0));
        }
        return out;
    }
}
