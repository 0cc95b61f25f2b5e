package dev.stagesh.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams one file's bytes out of a tar stream with constant memory: a fixed copy buffer, so a
 * 1 GiB file costs the same heap as a 1 KiB one. Reading stops right after the file, so the rest
 * of the archive is not downloaded; the caller closes its stream.
 */
public final class TarContent {

    /** Large enough for throughput on an HTTP stream, small enough to be irrelevant to the heap. */
    static final int BUFFER_SIZE = 64 * 1024;

    private TarContent() {
    }

    /**
     * Copies the content of the entry named {@code pathInTar} (a tar name such as {@code app/app};
     * a leading {@code ./} or {@code /} does not matter) to {@code out}.
     *
     * @return the number of bytes copied
     * @throws FsException "PATH: No such file or directory" when no entry has that name,
     *                     "PATH: Is a directory" for a directory, a message naming the kind of entry for
     *                     symlinks, hard links and devices, whose bytes are elsewhere or nowhere (resolve
     *                     those with {@link PathResolver#contentPath} first)
     */
    public static long copyFile(InputStream tar, String pathInTar, OutputStream out) {
        String wanted = FsPaths.normalize(pathInTar);
        TarArchiveInputStream in = TarStreams.open(tar);
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            if (!FsPaths.fromTarName("/", e.getName()).equals(wanted)) {
                continue;
            }
            EntryType type = TarStreams.typeOf(e);
            switch (type) {
                case FILE -> {
                    return copy(in, out);
                }
                case DIRECTORY -> throw FsException.isADirectory(pathInTar);
                case HARDLINK -> throw new FsException(pathInTar + ": hard link to " + e.getLinkName()
                        + " (resolve it before copying)");
                case SYMLINK -> throw new FsException(pathInTar + ": symbolic link to " + e.getLinkName()
                        + " (resolve it before copying)");
                default -> throw new FsException(pathInTar + ": not a regular file (" + type.statName() + ")");
            }
        }
        throw FsException.noSuchFile(pathInTar);
    }

    /**
     * {@code cat PATH} against a tree and a fresh stream of the same archive it was read from:
     * follows symlinks and hard links in the tree, then copies the bytes of the file they lead to.
     */
    public static long cat(PathResolver resolver, String path, InputStream tar, OutputStream out) {
        String contentPath = resolver.contentPath(path);
        String tarName = resolver.tree().tarName(contentPath);
        try {
            return copyFile(tar, tarName, out);
        } catch (FsException e) {
            // the tree said the file is there; if the stream disagrees, report it under the user's path
            throw new FsException(path + ": " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        }
    }

    private static long copy(InputStream in, OutputStream out) {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw FsException.unreadable(e);
            }
            if (n < 0) {
                return total;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new FsException("write error: " + e.getMessage(), e);
            }
            total += n;
        }
    }
}
