package dev.stagesh.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Extended attributes carried from one tar entry to another: the engine's archive API writes a
 * file's {@code security.capability} (its file capabilities) as a {@code SCHILY.xattr.} PAX header,
 * and extracts such headers again, so a copy that rewrites entries keeps them by copying the headers.
 * commons-compress hands PAX values over as UTF-8 text, so an attribute value that is not valid
 * UTF-8 (a capability set with a byte of 0x80 or more) cannot come through unchanged.
 */
final class TarXattrs {
    private static final String PREFIX = "SCHILY.xattr.";

    private TarXattrs() {
    }

    static void copy(TarArchiveEntry from, TarArchiveEntry to) {
        from.getExtraPaxHeaders().forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                to.addPaxHeader(key, value);
            }
        });
    }
}
