package dev.stagesh.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar stream without some of its entries, re-encoded as it is read: no thread and no more
 * than one chunk of content in memory. Used to leave out files the engine adds to every
 * container, which a snapshot does not have.
 */
public final class TarFilter extends InputStream {
    private static final int CHUNK = 64 * 1024;

    private final InputStream raw;
    private final TarArchiveInputStream in;
    private final String parentPath;
    private final Predicate<String> hidden;
    private final Buffer buffer = new Buffer();
    private final TarArchiveOutputStream out;
    private final byte[] chunk = new byte[CHUNK];
    private final java.util.Deque<Extra> extra;
    private boolean inEntry;
    private boolean finished;
    private int readPos;

    /**
     * @param parentPath where the tar's root lands (the parent of the archived path)
     * @param hidden which absolute paths to leave out, with everything under them
     * @param extra entries to add at the end (their parents come earlier in the stream)
     */
    public TarFilter(InputStream tar, String parentPath, Predicate<String> hidden, java.util.List<Extra> extra) {
        this.extra = new java.util.ArrayDeque<>(extra);
        this.raw = tar;
        this.in = TarStreams.open(tar);
        this.parentPath = FsPaths.normalize(parentPath);
        this.hidden = hidden;
        this.out = new TarArchiveOutputStream(buffer, StandardCharsets.UTF_8.name());
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (readPos >= buffer.size()) {
            buffer.reset();
            readPos = 0;
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, buffer.size() - readPos);
        System.arraycopy(buffer.bytes(), readPos, b, off, n);
        readPos += n;
        return n;
    }

    /** Encodes the next piece (a header, a chunk of content, the end); false once all is out. */
    private boolean fill() throws IOException {
        if (finished) {
            return false;
        }
        if (inEntry) {
            int n = in.read(chunk);
            if (n > 0) {
                out.write(chunk, 0, n);
                return true;
            }
            out.closeArchiveEntry();
            inEntry = false;
        }
        TarArchiveEntry e = in.getNextEntry();
        while (e != null && hidden.test(FsPaths.fromTarName(parentPath, e.getName()))) {
            e = in.getNextEntry();
        }
        if (e == null && !extra.isEmpty()) {
            Extra x = extra.poll();
            out.putArchiveEntry(x.header());
            out.write(x.content());
            out.closeArchiveEntry();
            return true;
        }
        if (e == null) {
            out.finish();
            finished = true;
            return buffer.size() > 0;
        }
        out.putArchiveEntry(e);
        inEntry = true;
        return true;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** An entry to add, with its content (empty but for a regular file). */
    public record Extra(TarArchiveEntry header, byte[] content) {
        /** The entry for {@code e} under the tar name it has in an archive rooted at {@code parentPath}. */
        public static Extra of(FileEntry e, String parentPath, byte[] content) {
            String name = FsPaths.toTarName(FsPaths.normalize(parentPath), e.path());
            TarArchiveEntry h;
            switch (e.type()) {
                case DIRECTORY -> h = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
                case SYMLINK -> {
                    h = new TarArchiveEntry(name, org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
                    h.setLinkName(e.linkTarget());
                }
                default -> {
                    h = new TarArchiveEntry(name);
                    h.setSize(e.type() == EntryType.FILE ? content.length : 0);
                }
            }
            h.setMode(e.mode() & 07777 | (h.isDirectory() ? 040000 : h.isSymbolicLink() ? 0120000 : 0100000));
            h.setUserId(e.uid());
            h.setGroupId(e.gid());
            h.setModTime(java.util.Date.from(e.mtime()));
            return new Extra(h, e.type() == EntryType.FILE ? content : new byte[0]);
        }
    }

    /** A byte buffer whose array is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        byte[] bytes() {
            return buf;
        }
    }
}
