package dev.stagesh.fs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reading tar headers the way Docker writes them; shared by every class that walks a tar stream. */
final class TarStreams {

    private TarStreams() {
    }

    /**
     * Opens a tar reader over {@code in} without taking ownership: the caller's stream (often an HTTP
     * response from the engine) is neither closed here nor necessarily read to its end.
     * Names are UTF-8: Go's archive/tar writes them so, and PAX records are UTF-8 by definition.
     */
    static TarArchiveInputStream open(InputStream in) {
        return new TarArchiveInputStream(new KeepOpen(in), StandardCharsets.UTF_8.name());
    }

    static TarArchiveEntry next(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw FsException.unreadable(e);
        }
    }

    /** The entry a tar header describes, placed under {@code parentPath}. */
    static FileEntry toFileEntry(TarArchiveEntry e, String parentPath) {
        String path = FsPaths.fromTarName(parentPath, e.getName());
        EntryType type = typeOf(e);
        String link = switch (type) {
            case SYMLINK -> e.getLinkName();
            // hard link names are tar names, in the same coordinates as entry names
            case HARDLINK -> FsPaths.fromTarName(parentPath, e.getLinkName());
            default -> null;
        };
        long size = switch (type) {
            case FILE -> e.isSparse() ? e.getRealSize() : e.getSize();
            default -> 0;
        };
        Instant mtime = e.getLastModifiedTime() == null ? Instant.EPOCH : e.getLastModifiedTime().toInstant();
        int major = type.isDevice() ? e.getDevMajor() : 0;
        int minor = type.isDevice() ? e.getDevMinor() : 0;
        return new FileEntry(path, type, e.getMode(), e.getLongUserId(), e.getLongGroupId(), size, mtime,
                link, major, minor);
    }

    static EntryType typeOf(TarArchiveEntry e) {
        if (e.isSymbolicLink()) {
            return EntryType.SYMLINK;
        }
        if (e.isLink()) {
            return EntryType.HARDLINK;
        }
        if (e.isCharacterDevice()) {
            return EntryType.CHAR_DEVICE;
        }
        if (e.isBlockDevice()) {
            return EntryType.BLOCK_DEVICE;
        }
        if (e.isFIFO()) {
            return EntryType.FIFO;
        }
        if (e.isDirectory()) {
            return EntryType.DIRECTORY;
        }
        return EntryType.FILE;
    }

    /** Shields the caller's stream from close(), which TarArchiveInputStream would propagate. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
