package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.TtyProcess;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.utils.NonBlockingInputStream;
import org.junit.jupiter.api.Test;

/**
 * The keys {@code shell} passes to the container: a burst the terminal wrote at once reaches the
 * container in one write, however JLine's reader hands it out, so that busybox's line editor (which
 * takes an ESC followed by nothing within 50 ms for a lone ESC) reads a cursor-position report as one.
 */
class TerminalBridgeKeysTest {
    /**
     * Hands out the given pieces one per read; then the reader's time runs out, and at the next
     * read, with nothing typed meanwhile, the process ends.
     */
    private static final class Pieces extends NonBlockingInputStream {
        private final Deque<byte[]> pieces = new ArrayDeque<>();
        private final AtomicBoolean ended;
        private int expired;

        Pieces(AtomicBoolean ended, String... pieces) {
            this.ended = ended;
            for (String p : pieces) {
                this.pieces.add(p.getBytes(StandardCharsets.ISO_8859_1));
            }
        }

        @Override
        public int read(long timeout, boolean isPeek) {
            return READ_EXPIRED;
        }

        @Override
        public int readBuffered(byte[] b, int off, int len, long timeout) {
            byte[] next = pieces.poll();
            if (next == null) {
                if (++expired == 2) {
                    ended.set(true);
                }
                return READ_EXPIRED;
            }
            System.arraycopy(next, 0, b, off, next.length);
            return next.length;
        }
    }

    private static final class Typed implements TtyProcess {
        final List<String> writes = new ArrayList<>();

        @Override
        public InputStream output() {
            return InputStream.nullInputStream();
        }

        @Override
        public void type(byte[] bytes, int offset, int length) {
            writes.add(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void resize(TerminalSize size) {}

        @Override
        public int exitCode() {
            return 0;
        }

        @Override
        public void close() {}
    }

    @Test
    void aCursorPositionReportHandedOutInPiecesReachesTheContainerInOneWrite() {
        AtomicBoolean ended = new AtomicBoolean();
        Typed process = new Typed();
        TerminalBridge.copyKeys(new Pieces(ended, "\u001b", "[20;5R"), process, ended);
        assertThat(process.writes).containsExactly("\u001b[20;5R");
    }
}
