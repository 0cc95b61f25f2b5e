package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** Which PAX headers a rewritten tar entry takes from the engine's: extended attributes that come through whole. */
class TarXattrsTest {
    @Test
    void extendedAttributesAreCopiedOtherHeadersAndLossyValuesAreNot() {
        TarArchiveEntry from = new TarArchiveEntry("out/tool");
        String cap = "\u0001\u0000\u0000\u0002\u0000\u0020\u0000\u0000" + "\u0000".repeat(12);
        from.addPaxHeader("SCHILY.xattr.security.capability", cap);
        from.addPaxHeader("SCHILY.xattr.user.origin", "context");
        // a capability byte of 0x80 or more, as commons-compress decodes it: not the attribute any more
        from.addPaxHeader("SCHILY.xattr.user.binary", "\u0001\uFFFD\u0000");
        from.addPaxHeader("comment", "not an attribute");
        TarArchiveEntry to = new TarArchiveEntry("copied/tool");
        TarXattrs.copy(from, to);
        assertThat(to.getExtraPaxHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SCHILY.xattr.security.capability", cap, "SCHILY.xattr.user.origin", "context"));
    }
}
