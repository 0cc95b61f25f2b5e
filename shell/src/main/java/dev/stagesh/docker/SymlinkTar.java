package dev.stagesh.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar Docker's archive API gives for a path that is a symlink: one entry, the link itself.
 * Podman's (5.8) follows the link and sends its target's content under the link's name; but a
 * directory's tar holds its links as links, so the entry is taken from the parent directory's tar
 * (read only up to it), with its owner, mode, time and target as written. Should the parent not
 * show it, it is made from the path's stat, whose target Podman gives resolved and absolute.
 */
final class SymlinkTar {
    private SymlinkTar() {
    }

    /** @param archive the engine's tar of a path, as it sends it */
    static InputStream of(String path, PathStat stat, Function<String, Optional<InputStream>> archive) {
        String clean = path.replaceAll("/+$", "");
        int slash = clean.lastIndexOf('/');
        String base = clean.substring(slash + 1);
        String parent = slash <= 0 ? "/" : clean.substring(0, slash);
        Optional<InputStream> parentTar = archive.apply(parent);
        if (parentTar.isPresent()) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(parentTar.get(), StandardCharsets.UTF_8.name())) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    if (e.isSymbolicLink() && isChild(e.getName(), parent, base)) {
                        e.setName(base);
                        return tarOf(e);
                    }
                }
            } catch (IOException e) {
                // unreadable: the stat below still names the link
            }
        }
        TarArchiveEntry e = new TarArchiveEntry(base, TarConstants.LF_SYMLINK);
        e.setLinkName(stat.linkTarget());
        e.setMode(0120000 | (int) (stat.mode() & 07777));
        try {
            e.setLastModifiedTime(FileTime.from(OffsetDateTime.parse(stat.mtime()).toInstant()));
        } catch (DateTimeParseException ignored) {
            // no usable time: the entry keeps the epoch
        }
        return tarOf(e);
    }

    /** Whether a name in the parent's tar ({@code data/link}; under {@code /}, {@code link} or {@code /link}) is the link. */
    static boolean isChild(String tarName, String parent, String base) {
        String n = tarName;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        if (parent.equals("/")) {
            return n.equals(base);
        }
        String parentBase = parent.substring(parent.lastIndexOf('/') + 1);
        return n.equals(parentBase + "/" + base);
    }

    private static InputStream tarOf(TarArchiveEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // in memory: cannot happen
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
