package dev.stagesh.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Extended attributes carried from one tar entry to another: the engine's archive API writes a
 * file's {@code security.capability} (its file capabilities) as a {@code SCHILY.xattr.} PAX header,
 * and extracts such headers again, so a copy that rewrites entries keeps them by copying the headers.
 * commons-compress hands PAX values over as UTF-8 text, so an attribute value that is not valid
 * UTF-8 (a capability set with a byte of 0x80 or more, cap_setuid's for one) arrives with U+FFFD
 * in it and cannot come through unchanged: such a value is left out, since written back it would
 * be a malformed capability the kernel refuses, failing the whole copy.
 */
final class TarXattrs {
    private static final String PREFIX = "SCHILY.xattr.";

    private TarXattrs() {
    }

    static void copy(TarArchiveEntry from, TarArchiveEntry to) {
        from.getExtraPaxHeaders().forEach((key, value) -> {
            if (key.startsWith(PREFIX) && value.indexOf('\uFFFD') < 0) {
                to.addPaxHeader(key, value);
            }
        });
    }
}
