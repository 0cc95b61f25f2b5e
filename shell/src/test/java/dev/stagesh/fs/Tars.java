package dev.stagesh.fs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tar archives in memory for tests, entry by entry, as Docker would stream them. */
final class Tars {

    static final Instant DEFAULT_MTIME = Instant.parse("2024-06-01T10:30:00Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out;
    private long uid;
    private long gid;
    private Instant mtime = DEFAULT_MTIME;
    private byte[] finished;

    Tars() {
        out = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Owner of the entries added from now on. */
    Tars owner(long uid, long gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    /** Modification time of the entries added from now on. */
    Tars mtime(Instant mtime) {
        this.mtime = mtime;
        return this;
    }

    Tars mtime(String iso) {
        return mtime(Instant.parse(iso));
    }

    Tars dir(String name) {
        return dir(name, 0755);
    }

    Tars dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        return put(e, mode, null);
    }

    Tars file(String name, String content) {
        return file(name, 0644, content.getBytes(StandardCharsets.UTF_8));
    }

    Tars file(String name, int mode, String content) {
        return file(name, mode, content.getBytes(StandardCharsets.UTF_8));
    }

    Tars file(String name, int mode, byte[] content) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setSize(content.length);
        return put(e, mode, content);
    }

    /** A regular file of {@code size} bytes, all 'x', for size arithmetic. */
    Tars sized(String name, int size) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) 'x');
        return file(name, 0644, b);
    }

    Tars symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return put(e, 0777, null);
    }

    Tars hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(e, 0644, null);
    }

    Tars charDevice(String name, int mode, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, mode, null);
    }

    Tars blockDevice(String name, int mode, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_BLK);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, mode, null);
    }

    Tars fifo(String name) {
        return put(new TarArchiveEntry(name, TarConstants.LF_FIFO), 0644, null);
    }

    private Tars put(TarArchiveEntry e, int mode, byte[] content) {
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(java.util.Date.from(mtime));
        try {
            out.putArchiveEntry(e);
            if (content != null) {
                out.write(content);
            }
            out.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    /** The finished archive; no entries can be added after the first call. */
    byte[] bytes() {
        if (finished == null) {
            try {
                out.finish();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            finished = bytes.toByteArray();
        }
        return finished;
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    FileTree tree(String parentPath) {
        return FileTree.read(stream(), parentPath);
    }

    FileTree tree() {
        return tree("/");
    }
}
