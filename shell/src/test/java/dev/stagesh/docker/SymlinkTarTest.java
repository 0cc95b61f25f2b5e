package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class SymlinkTarTest {
    private static final PathStat LINK = new PathStat("greet.txt", 9, (1L << 27) | 0777, "2026-12-01T14:29:48.155988783Z",
            "/data/greet.txt");

    /** A directory's tar as Podman sends it: the directory, a file, the link as a link. */
    private static InputStream parentTar(String top) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.putArchiveEntry(new TarArchiveEntry(top + "/"));
            out.closeArchiveEntry();
            TarArchiveEntry f = new TarArchiveEntry(top + "/greet.txt");
            f.setSize(9);
            out.putArchiveEntry(f);
            out.write("hi there\n".getBytes());
            out.closeArchiveEntry();
            TarArchiveEntry l = new TarArchiveEntry(top + "/link", TarConstants.LF_SYMLINK);
            l.setLinkName("greet.txt");
            l.setIds(1000, 1000);
            out.putArchiveEntry(l);
            out.closeArchiveEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static List<TarArchiveEntry> entries(InputStream tar) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void theLinkComesFromItsParentsTarAsWrittenWithItsOwner() throws IOException {
        List<String> asked = new ArrayList<>();
        var tar = SymlinkTar.of("/data/link", LINK, p -> {
            asked.add(p);
            try {
                return Optional.of(parentTar("data"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        var e = entries(tar);
        assertThat(asked).containsExactly("/data");
        assertThat(e).hasSize(1);
        assertThat(e.get(0).getName()).isEqualTo("link");
        assertThat(e.get(0).isSymbolicLink()).isTrue();
        assertThat(e.get(0).getLinkName()).isEqualTo("greet.txt");
        assertThat(e.get(0).getLongUserId()).isEqualTo(1000);
    }

    @Test
    void withoutTheParentTheStatNamesTheLink() throws IOException {
        var e = entries(SymlinkTar.of("/data/link", LINK, p -> Optional.empty()));
        assertThat(e).hasSize(1);
        assertThat(e.get(0).getName()).isEqualTo("link");
        assertThat(e.get(0).getLinkName()).isEqualTo("/data/greet.txt");
        assertThat(e.get(0).getModTime().toInstant().toString()).startsWith("2026-12-01T14:29:48");
    }

    @Test
    void namesInTheParentsTarAreMatchedUnderTheRootToo() {
        assertThat(SymlinkTar.isChild("data/link", "/data", "link")).isTrue();
        assertThat(SymlinkTar.isChild("./data/link", "/srv/data", "link")).isTrue();
        assertThat(SymlinkTar.isChild("data/other", "/data", "link")).isFalse();
        assertThat(SymlinkTar.isChild("/link", "/", "link")).isTrue();
        assertThat(SymlinkTar.isChild("link", "/", "link")).isTrue();
        assertThat(SymlinkTar.isChild("data/sub/link", "/data", "link")).isFalse();
    }
}
