package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

class TarContentTest {

    private final Tars archive = new Tars()
            .dir("app").file("app/app", 0755, "binary").file("app/config.yml", "port: 8080\n")
            .symlink("app/link", "config.yml").hardlink("app/again", "app/config.yml");

    private String copy(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarContent.copyFile(archive.stream(), name, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void copiesOneFilesBytes() {
        assertThat(copy("app/config.yml")).isEqualTo("port: 8080\n");
        assertThat(copy("./app/config.yml")).isEqualTo("port: 8080\n");
    }

    @Test
    void explainsWhatItCannotCopy() {
        assertThatThrownBy(() -> copy("app/missing")).isInstanceOf(FsException.class)
                .hasMessage("app/missing: No such file or directory");
        assertThatThrownBy(() -> copy("app")).hasMessage("app: Is a directory");
        assertThatThrownBy(() -> copy("app/link")).hasMessageStartingWith("app/link: symbolic link to config.yml");
    }

    @Test
    void catResolvesThroughTheTreeThenCopiesFromAFreshStream() {
        // the archive of /app arrives relative to its parent, /
        PathResolver resolver = new PathResolver(archive.tree("/"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = TarContent.cat(resolver, "/app/link", archive.stream(), out);
        assertThat(n).isEqualTo(11);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("port: 8080\n");
        out.reset();
        TarContent.cat(resolver, "/app/again", archive.stream(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("port: 8080\n");
        assertThatThrownBy(() -> TarContent.cat(resolver, "/app", archive.stream(), new ByteArrayOutputStream()))
                .hasMessage("/app: Is a directory");
    }

    @Test
    void streamsAGibibyteWithoutBuffering() throws Exception {
        long size = 1L << 30;
        SyntheticTar tar = new SyntheticTar("data/big.bin", size);
        CheckingSink sink = new CheckingSink(tar);
        long copied = TarContent.copyFile(tar, "data/big.bin", sink);
        assertThat(copied).isEqualTo(size);
        assertThat(sink.written).isEqualTo(size);
        assertThat(sink.mismatches).isZero();
        // bytes taken from the source but not yet handed on: the copy buffer plus a tar record or so
        assertThat(sink.maxInFlight).isLessThan(256 * 1024);
        // and the check itself can fail: a wrong byte is noticed
        CheckingSink control = new CheckingSink(new SyntheticTar("x", 10));
        control.write(new byte[] {0, 1, 2, 99}, 0, 4);
        assertThat(control.mismatches).isEqualTo(1);
    }

    /** The byte at offset {@code i} of the synthetic file's content: a period of 251 (prime, so never block-aligned). */
    static byte patternAt(long i) {
        return (byte) (i % 251);
    }

    /** The pattern laid out long enough that any run of up to 128 KiB starting anywhere is one slice of it. */
    private static final byte[] PATTERN = new byte[251 + 128 * 1024];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = patternAt(i);
        }
    }

    /** A tar of one file generated on the fly: a header, {@code size} pattern bytes, the end blocks. */
    static final class SyntheticTar extends InputStream {
        private final byte[] header = new byte[512];
        private final long size;
        private final long total;
        long served;

        SyntheticTar(String name, long size) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(size);
            e.setMode(0644);
            e.writeEntryHeader(header);
            this.size = size;
            long padded = (size + 511) / 512 * 512;
            this.total = 512 + padded + 1024;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= total) {
                return -1;
            }
            int n;
            if (served < 512) {
                n = (int) Math.min(len, 512 - served);
                System.arraycopy(header, (int) served, b, off, n);
            } else if (served - 512 < size) {
                long offset = served - 512;
                n = (int) Math.min(Math.min(len, size - offset), PATTERN.length - 251);
                System.arraycopy(PATTERN, (int) (offset % 251), b, off, n);
            } else {
                n = (int) Math.min(len, total - served);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
            }
            served += n;
            return n;
        }
    }

    /** Checks the bytes against the pattern and records how far the source ran ahead of the output. */
    static final class CheckingSink extends OutputStream {
        private final SyntheticTar source;
        long written;
        long mismatches;
        long maxInFlight;

        CheckingSink(SyntheticTar source) {
            this.source = source;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int done = 0;
            while (done < len) {
                int n = Math.min(len - done, PATTERN.length - 251);
                int start = (int) ((written + done) % 251);
                if (java.util.Arrays.mismatch(b, off + done, off + done + n, PATTERN, start, start + n) >= 0) {
                    mismatches++;
                }
                done += n;
            }
            written += len;
            maxInFlight = Math.max(maxInFlight, source.served - 512 - written);
        }
    }

    @Test
    void stopsReadingRightAfterTheFile() {
        byte[] tar = new Tars().file("a", "A").sized("b", 1 << 20).bytes();
        ByteArrayInputStream in = new ByteArrayInputStream(tar);
        TarContent.copyFile(in, "a", new ByteArrayOutputStream());
        assertThat(in.available()).isGreaterThan(1 << 19);
    }
}
