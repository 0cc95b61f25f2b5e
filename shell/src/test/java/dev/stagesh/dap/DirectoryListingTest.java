package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class DirectoryListingTest {
    /** A tar as the engine's archive API gives it for {@code /etc}: the directory first, by its base name. */
    private static byte[] etcArchive() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            dir(tar, "etc/");
            file(tar, "etc/hostname", "box\n".getBytes(StandardCharsets.UTF_8));
            file(tar, "etc/blob", new byte[] {1, 0, 2});
            file(tar, "etc/big", new byte[5000]);
            dir(tar, "etc/ssl/");
            file(tar, "etc/ssl/cert.pem", "deep\n".getBytes(StandardCharsets.UTF_8));
            TarArchiveEntry link = new TarArchiveEntry("etc/mtab", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/proc/mounts");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return buf.toByteArray();
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0100644);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    @Test
    void listsTheDirectChildrenWithTheTextOfSmallTextFiles() throws IOException {
        DirectoryListing l = DirectoryListing.read(new ByteArrayInputStream(etcArchive()), "/etc", 4096);
        assertThat(l.children()).extracting(DirectoryListing.Child::name).containsExactly("big", "blob", "hostname", "mtab", "ssl");
        var byName = new java.util.HashMap<String, DirectoryListing.Child>();
        l.children().forEach(c -> byName.put(c.name(), c));
        assertThat(byName.get("hostname").text()).isEqualTo("box\n");
        assertThat(byName.get("blob").text()).as("binary").isNull();
        assertThat(byName.get("big").text()).as("too big").isNull();
        assertThat(byName.get("big").size()).isEqualTo(5000);
        assertThat(byName.get("ssl").kind()).isEqualTo(DirectoryListing.Kind.DIRECTORY);
        assertThat(byName.get("ssl").path()).isEqualTo("/etc/ssl");
        assertThat(byName.get("mtab").linkTarget()).isEqualTo("/proc/mounts");
    }
}
