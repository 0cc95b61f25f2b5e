package dev.stagesh.context;

import dev.stagesh.fs.NonClosingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Streams a {@link TarPlan} as a tar archive docker can extract at the container's root. */
final class TarWriter {
    private static final int BUFFER = 64 * 1024;

    void write(TarPlan plan, OutputStream out) {
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(out));
            // paths and sizes are unbounded in a context; PAX headers carry what ustar cannot
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (TarPlanEntry e : plan.entries()) {
                writeEntry(tar, e);
            }
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new ContextException("cannot write the COPY archive: " + ContextWalker.describe(e), e);
        }
    }

    private static void writeEntry(TarArchiveOutputStream tar, TarPlanEntry e) throws IOException {
        TarArchiveEntry header = switch (e.type()) {
            case DIRECTORY -> new TarArchiveEntry(e.tarPath() + "/", TarConstants.LF_DIR);
            case SYMLINK -> {
                TarArchiveEntry h = new TarArchiveEntry(e.tarPath(), TarConstants.LF_SYMLINK);
                h.setLinkName(e.linkTarget());
                yield h;
            }
            case FILE -> {
                TarArchiveEntry h = new TarArchiveEntry(e.tarPath(), TarConstants.LF_NORMAL);
                h.setSize(e.size());
                yield h;
            }
        };
        header.setMode(e.mode());
        header.setUserId(e.uid());
        header.setGroupId(e.gid());
        // commons-compress fills in the local user's name; docker would prefer a name over the ids when both exist
        header.setUserName("");
        header.setGroupName("");
        header.setLastModifiedTime(FileTime.fromMillis(e.mtimeMillis()));
        tar.putArchiveEntry(header);
        if (e.type() == EntryType.FILE) {
            copyExactly(e, tar);
        }
        tar.closeArchiveEntry();
    }

    /** Copies the planned number of bytes; a file that changed size since planning would corrupt the tar. */
    private static void copyExactly(TarPlanEntry e, OutputStream tar) throws IOException {
        long left = e.size();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(e.sourcePath())) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new ContextException("file changed while copying: " + e.sourcePath());
                }
                tar.write(buffer, 0, n);
                left -= n;
            }
            if (in.read() >= 0) {
                throw new ContextException("file changed while copying: " + e.sourcePath());
            }
        }
    }
}
