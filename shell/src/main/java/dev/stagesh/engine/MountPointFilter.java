package dev.stagesh.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A layer tar without the mount points a step's container left in it, by BuildKit's rule for
 * its mount stubs: a path the snapshot lacked goes when it is an empty file or a directory with
 * no entry under it (Podman's {@code /etc/mtab} link too); anything else is copied as it is. A
 * directory's header is held back until an entry under it shows it is kept, which still writes
 * every parent before its children; content streams through. A directory of the snapshot that
 * the mount points were made in, left with nothing of the command's under it, gets the time it
 * had back (the engine's making them changed it), as the helper's {@code touch} gives it where
 * the layer is reached before the commit; it is written last, once nothing under it can follow.
 */
final class MountPointFilter {
    private MountPointFilter() {
    }

    /**
     * What one container left: the paths made for its mounts (the snapshot lacked them), and the
     * snapshot's directories they were made in, with the time each had.
     */
    record Stubs(Set<String> created, Map<String, Instant> parents) {
        Stubs {
            created = Set.copyOf(created);
            parents = Map.copyOf(parents);
        }
    }

    /** As below, with no directory's time to give back. */
    static int filter(InputStream layer, OutputStream out, Set<String> created) throws IOException {
        return filter(layer, out, new Stubs(created, Map.of()));
    }

    /** Copies {@code layer} to {@code out} without the empty mount points among the stubs; returns how many went. */
    static int filter(InputStream layer, OutputStream out, Stubs stubs) throws IOException {
        Set<String> created = stubs.created();
        Map<String, Instant> parents = stubs.parents();
        TarArchiveInputStream in = new TarArchiveInputStream(layer, StandardCharsets.UTF_8.name());
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        List<Held> held = new ArrayList<>();
        int dropped = 0;
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            String path = path(e.getName());
            if (parents.containsKey(path) && e.isDirectory()) {
                held.add(new Held(path, e));
                continue;
            }
            if (created.contains(path)) {
                if (e.isDirectory()) {
                    held.add(new Held(path, e));
                    continue;
                }
                if (e.isSymbolicLink() ? e.getLinkName().equals("/proc/mounts") : regular(e) && e.getSize() == 0) {
                    dropped++;
                    continue;
                }
            }
            // an entry that stays keeps every held directory above it
            for (var it = held.iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (path.startsWith(h.path() + "/")) {
                    tar.putArchiveEntry(h.entry());
                    tar.closeArchiveEntry();
                    it.remove();
                }
            }
            tar.putArchiveEntry(e);
            if (regular(e)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        int heldMountPoints = 0;
        for (Held h : held) {
            if (parents.containsKey(h.path())) {
                // nothing of the command's is under it: it is the snapshot's, with its own time
                h.entry().setModTime(java.nio.file.attribute.FileTime.from(parents.get(h.path())));
                tar.putArchiveEntry(h.entry());
                tar.closeArchiveEntry();
            } else {
                heldMountPoints++;
            }
        }
        tar.finish();
        return dropped + heldMountPoints;
    }

    /** A plain file's entry (commons-compress's isFile() also says so of links and devices). */
    private static boolean regular(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    /** The absolute path a layer's tar name stands for: {@code ./run/secrets/} is {@code /run/secrets}. */
    static String path(String tarName) {
        String p = tarName;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return "/" + p;
    }

    private record Held(String path, TarArchiveEntry entry) {}
}
