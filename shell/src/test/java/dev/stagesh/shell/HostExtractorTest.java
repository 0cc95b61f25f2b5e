package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostExtractorTest {
    private static final Instant MTIME = Instant.parse("2024-06-01T10:30:00Z");

    @TempDir
    Path host;

    /** A tar as the engine sends the archive of a path: the path's own name on top. */
    private static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());

        Tar dir(String name, int mode) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name + "/");
            e.setMode(040000 | mode);
            e.setModTime(Date.from(MTIME));
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        Tar file(String name, int mode, String content) throws IOException {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setMode(0100000 | mode);
            e.setSize(data.length);
            e.setModTime(Date.from(MTIME));
            out.putArchiveEntry(e);
            out.write(data);
            out.closeArchiveEntry();
            return this;
        }

        Tar link(String name, String target, byte type) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, type);
            e.setLinkName(target);
            out.putArchiveEntry(e);
            out.closeArchiveEntry();
            return this;
        }

        InputStream stream() throws IOException {
            out.close();
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }

    private static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private Tar appTree() throws IOException {
        return new Tar().dir("app", 0750).file("app/run.sh", 0755, "#!/bin/sh\n").file("app/secret", 0600, "s\n")
                .dir("app/ro", 0555).file("app/ro/data", 0444, "d\n")
                .link("app/current", "run.sh", TarConstants.LF_SYMLINK)
                .link("app/again", "app/run.sh", TarConstants.LF_LINK);
    }

    @Test
    void aDirectoryGoesIntoAnExistingDirectoryUnderItsOwnNameWithModesAndTimes() throws IOException {
        var r = HostExtractor.extract(appTree().stream(), host.toString(), false);
        Path app = host.resolve("app");
        assertThat(r.target()).isEqualTo(app);
        assertThat(r.files()).isEqualTo(4);
        assertThat(r.directories()).isEqualTo(2);
        assertThat(r.links()).isEqualTo(1);
        assertThat(Files.readString(app.resolve("run.sh"))).isEqualTo("#!/bin/sh\n");
        assertThat(perms(app)).isEqualTo("rwxr-x---");
        assertThat(perms(app.resolve("run.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(perms(app.resolve("secret"))).isEqualTo("rw-------");
        assertThat(perms(app.resolve("ro"))).isEqualTo("r-xr-xr-x");
        assertThat(perms(app.resolve("ro/data"))).isEqualTo("r--r--r--");
        assertThat(Files.getLastModifiedTime(app.resolve("secret")).toInstant()).isEqualTo(MTIME);
        assertThat(Files.getLastModifiedTime(app).toInstant()).isEqualTo(MTIME);
        assertThat(Files.isSymbolicLink(app.resolve("current"))).isTrue();
        assertThat(Files.readSymbolicLink(app.resolve("current"))).isEqualTo(Path.of("run.sh"));
        assertThat(Files.isSameFile(app.resolve("again"), app.resolve("run.sh"))).isTrue();
    }

    @Test
    void aMissingDestinationIsCreatedUnderTheNewName() throws IOException {
        HostExtractor.extract(appTree().stream(), host.resolve("copy").toString(), false);
        assertThat(Files.readString(host.resolve("copy/secret"))).isEqualTo("s\n");
        assertThat(host.resolve("copy/app")).doesNotExist();
    }

    @Test
    void contentsOnlyMergesIntoTheDestination() throws IOException {
        Files.writeString(host.resolve("keep"), "k");
        HostExtractor.extract(appTree().stream(), host.toString(), true);
        assertThat(host.resolve("secret")).hasContent("s\n");
        assertThat(host.resolve("keep")).hasContent("k");
    }

    @Test
    void aFileReplacesAFileAndKeepsItsMode() throws IOException {
        Path dest = host.resolve("out.txt");
        Files.writeString(dest, "old");
        HostExtractor.extract(new Tar().file("greet.txt", 0600, "new\n").stream(), dest.toString(), false);
        assertThat(dest).hasContent("new\n");
        assertThat(perms(dest)).isEqualTo("rw-------");
    }

    @Test
    void docker_cp_refusals() throws IOException {
        Path file = host.resolve("f");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> HostExtractor.extract(appTree().stream(), file.toString(), false))
                .hasMessageContaining("cannot copy a directory to a file");
        assertThatThrownBy(() -> HostExtractor.extract(new Tar().file("a", 0644, "a").stream(),
                host.resolve("nodir") + "/", false)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> HostExtractor.extract(new Tar().file("a", 0644, "a").stream(),
                host.resolve("no/such/parent").toString(), false)).hasMessageContaining("parent directory");
    }

    @Test
    void entriesCannotEscapeTheDestination() throws IOException {
        Tar evil = new Tar().dir("app", 0755).file("app/../../escaped", 0644, "x");
        assertThatThrownBy(() -> HostExtractor.extract(evil.stream(), host.resolve("in").toString(), false))
                .hasMessageContaining("outside the destination");
        assertThat(host.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void namesAndModes() {
        assertThat(HostExtractor.topName("app/x/y")).isEqualTo("app");
        assertThat(HostExtractor.topName("app/")).isEqualTo("app");
        assertThat(HostExtractor.rest("app/x/y/")).isEqualTo("x/y");
        assertThat(HostExtractor.rest("app")).isEmpty();
        assertThat(PosixFilePermissions.toString(HostExtractor.permissions(0754))).isEqualTo("rwxr-xr--");
    }
}
