package dev.stagesh.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Writes the engine's tar of one snapshot path onto the host with {@code docker cp}'s rules for
 * the destination, keeping permission bits and modification times (not owners, which need root,
 * nor setuid/setgid/sticky bits, which Java cannot set). Symlinks are written as symlinks, hard
 * links as hard links; devices and fifos are skipped and reported. No entry may land outside the
 * destination, whatever names the tar carries.
 *
 * <p>Destination rules, with SRC the snapshot path (the tar's top entry):
 * <ul>
 *   <li>DEST is a directory: SRC is copied into it under its own name (with {@code contentsOnly},
 *       what SRC holds is copied into DEST itself, as {@code docker cp dir/. DEST} does);</li>
 *   <li>DEST is a file: a file SRC replaces it; a directory SRC cannot be copied onto a file;</li>
 *   <li>DEST does not exist: it is created as SRC under the new name; its parent must exist, and a
 *       DEST written with a trailing slash must be an existing directory for a file SRC.</li>
 * </ul>
 */
final class HostExtractor {
    /** What was written. */
    record Result(Path target, int files, int directories, int links, long bytes, List<String> skipped) {}

    private HostExtractor() {}

    static Result extract(InputStream tar, String dest, boolean contentsOnly) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry top = in.getNextEntry();
        if (top == null) {
            throw new IOException("the engine sent an empty archive");
        }
        boolean sourceIsDir = top.isDirectory();
        Path destPath = Path.of(dest).toAbsolutePath().normalize();
        Path root = target(top, sourceIsDir, destPath, dest.endsWith("/") || dest.endsWith("/."), contentsOnly);
        Writer w = new Writer(root);
        for (TarArchiveEntry e = top; e != null; e = in.getNextEntry()) {
            w.write(e, in);
        }
        w.finish();
        return new Result(root, w.files, w.directories, w.links, w.bytes, w.skipped);
    }

    private static Path target(TarArchiveEntry top, boolean sourceIsDir, Path dest, boolean slash, boolean contentsOnly)
            throws IOException {
        String base = topName(top.getName());
        if (Files.isDirectory(dest)) {
            return contentsOnly || base.equals(".") ? dest : dest.resolve(base);
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (sourceIsDir) {
                throw new IOException("cannot copy a directory to a file: " + dest);
            }
            return dest;
        }
        if (contentsOnly && !sourceIsDir) {
            throw new IOException("the source is not a directory, so it has no contents to copy with /.");
        }
        if (slash && !sourceIsDir) {
            throw new IOException("destination directory " + dest + " does not exist");
        }
        Path parent = dest.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("destination's parent directory " + parent + " does not exist");
        }
        return dest;
    }

    /** The first component of a tar name: the source's own name. */
    static String topName(String name) {
        String n = name.startsWith("./") && name.length() > 2 ? name.substring(2) : name;
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(0, slash);
    }

    /** The tar name without its first component ("" for the top entry itself). */
    static String rest(String name) {
        String n = name.startsWith("./") && name.length() > 2 ? name.substring(2) : name;
        int slash = n.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String r = n.substring(slash + 1);
        return r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static final class Writer {
        private record Dir(Path path, int mode, long mtime) {}

        private final Path root;
        private final List<Dir> dirs = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private int files;
        private int directories;
        private int links;
        private long bytes;

        Writer(Path root) {
            this.root = root;
        }

        private Path place(String tarName) throws IOException {
            String rest = rest(tarName);
            Path p = rest.isEmpty() ? root : root.resolve(rest).normalize();
            if (!p.startsWith(root)) {
                throw new IOException("refusing to write outside the destination: " + tarName);
            }
            return p;
        }

        void write(TarArchiveEntry e, InputStream content) throws IOException {
            Path p = place(e.getName());
            if (e.isDirectory()) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("cannot overwrite non-directory " + p + " with a directory");
                }
                Files.createDirectories(p);
                // writable while its contents are written; the real mode is set at the end
                chmod(p, 0700 | e.getMode());
                dirs.add(new Dir(p, e.getMode(), e.getModTime().getTime()));
                directories++;
                return;
            }
            Files.createDirectories(p.getParent());
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot overwrite directory " + p + " with a non-directory");
            }
            if (e.isSymbolicLink()) {
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                links++;
            } else if (e.isLink()) {
                Path target = place(e.getLinkName());
                Files.deleteIfExists(p);
                try {
                    Files.createLink(p, target);
                } catch (IOException | UnsupportedOperationException ex) {
                    Files.copy(target, p);
                }
                files++;
            } else if (e.isFile()) {
                Files.copy(content, p, StandardCopyOption.REPLACE_EXISTING);
                chmod(p, e.getMode());
                Files.setLastModifiedTime(p, FileTime.fromMillis(e.getModTime().getTime()));
                files++;
                bytes += e.getSize();
            } else {
                skipped.add(rest(e.getName()).isEmpty() ? topName(e.getName()) : rest(e.getName()));
            }
        }

        void finish() throws IOException {
            // deepest first, so a read-only directory is closed after what is inside it
            for (int i = dirs.size() - 1; i >= 0; i--) {
                Dir d = dirs.get(i);
                chmod(d.path(), d.mode());
                Files.setLastModifiedTime(d.path(), FileTime.fromMillis(d.mtime()));
            }
        }

        private static void chmod(Path p, int mode) throws IOException {
            try {
                Files.setPosixFilePermissions(p, permissions(mode & 0777));
            } catch (UnsupportedOperationException notPosix) {
                // a host filesystem without POSIX modes keeps its defaults
            }
        }
    }
}
