package dev.stagesh.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code grep -r PATTERN} over the regular files of a tar stream, in one pass: a line at a time, so
 * memory stays bounded by the longest line. A file whose first 32 KiB hold a NUL byte is binary, as
 * GNU grep decides it, and only gets "Binary file X matches"; a NUL met later turns the rest of the
 * file binary, so lines already printed stay printed, as with grep. Symlinks and hard links are not
 * searched (a hard link's bytes are reported under the name they were archived with).
 */
public final class TarGrep {

    /** How much of a file grep inspects before deciding it is text. */
    static final int SNIFF_SIZE = 32 * 1024;
    /**
     * Longest line kept for matching. A longer one (a minified bundle, a blob with no newline) is
     * matched on its first 8 MiB, so a single line cannot exhaust the heap.
     */
    static final int MAX_LINE = 8 * 1024 * 1024;

    private final Pattern pattern;
    private final boolean filesOnly;

    /**
     * @param pattern   a Java regex, found anywhere in a line (grep semantics, not a full match)
     * @param filesOnly {@code -l}: report each matching file once, and stop reading it there
     */
    public TarGrep(Pattern pattern, boolean filesOnly) {
        this.pattern = pattern;
        this.filesOnly = filesOnly;
    }

    /**
     * Searches every regular file in {@code tar}, whose root lands at {@code parentPath}, reporting
     * results in archive order. The stream is not closed.
     */
    public void search(InputStream tar, String parentPath, Consumer<GrepMatch> sink) {
        TarArchiveInputStream in = TarStreams.open(tar);
        String parent = FsPaths.normalize(parentPath);
        for (TarArchiveEntry e = TarStreams.next(in); e != null; e = TarStreams.next(in)) {
            if (TarStreams.typeOf(e) == EntryType.FILE && e.getSize() > 0) {
                try {
                    searchFile(in, FsPaths.fromTarName(parent, e.getName()), sink);
                } catch (IOException ex) {
                    throw FsException.unreadable(ex);
                }
            }
        }
    }

    private void searchFile(InputStream content, String path, Consumer<GrepMatch> sink) throws IOException {
        LineReader reader = new LineReader(content);
        boolean binary = reader.sniffBinary();
        Matcher matcher = pattern.matcher("");
        for (long number = 1; reader.next(); number++) {
            binary |= reader.hasNul();
            // Latin-1 maps bytes one to one, so a regex can still probe binary data
            String text = reader.decode(binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            if (!matcher.reset(text).find()) {
                continue;
            }
            if (filesOnly) {
                sink.accept(new GrepMatch.FileName(path));
                return;
            }
            if (binary) {
                sink.accept(new GrepMatch.Binary(path));
                return;
            }
            sink.accept(new GrepMatch.Line(path, number, text));
        }
    }

    /** Splits a stream into lines of bytes without a newline, reusing one buffer. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[SNIFF_SIZE];
        private int pos;
        private int limit;
        private byte[] line = new byte[256];
        private int length;
        private boolean nul;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** Reads the first chunk and says whether it contains a NUL. */
        boolean sniffBinary() throws IOException {
            limit = in.readNBytes(chunk, 0, chunk.length);
            pos = 0;
            for (int i = 0; i < limit; i++) {
                if (chunk[i] == 0) {
                    return true;
                }
            }
            return false;
        }

        /** Advances to the next line; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            nul = false;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any;
                    }
                }
                any = true;
                int start = pos;
                while (pos < limit && chunk[pos] != '\n') {
                    nul |= chunk[pos] == 0;
                    pos++;
                }
                append(start, pos);
                if (pos < limit) {
                    pos++; // the newline
                    return true;
                }
            }
        }

        boolean hasNul() {
            return nul;
        }

        String decode(java.nio.charset.Charset charset) {
            return new String(line, 0, length, charset);
        }

        private void append(int from, int to) {
            int n = Math.min(to - from, MAX_LINE - length);
            if (n <= 0) {
                return;
            }
            if (length + n > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + n)));
            }
            System.arraycopy(chunk, from, line, length, n);
            length += n;
        }
    }
}
