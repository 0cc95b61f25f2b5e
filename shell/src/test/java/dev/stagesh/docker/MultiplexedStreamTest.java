package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's multiplexed log stream, split into stdout and stderr frame by frame. */
class MultiplexedStreamTest {
    /** What a sink heard, in order: "out:" or "err:" and the text of each call. */
    private static final class Heard implements OutputSink {
        final List<String> calls = new ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public void stdout(byte[] bytes, int offset, int length) {
            calls.add("out:" + new String(bytes, offset, length, StandardCharsets.UTF_8));
            out.write(bytes, offset, length);
        }

        @Override
        public void stderr(byte[] bytes, int offset, int length) {
            calls.add("err:" + new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    private static byte[] frame(int stream, byte[] payload) {
        byte[] f = new byte[8 + payload.length];
        f[0] = (byte) stream;
        f[4] = (byte) (payload.length >>> 24);
        f[5] = (byte) (payload.length >>> 16);
        f[6] = (byte) (payload.length >>> 8);
        f[7] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 8, payload.length);
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void framesGoToTheirStreamInOrder() throws Exception {
        Heard heard = new Heard();
        MultiplexedStream.copy(new ByteArrayInputStream(concat(frame(1, "hi\n".getBytes()), frame(2, "oops\n".getBytes()),
                frame(1, "".getBytes()), frame(1, "bye\n".getBytes()))), heard);
        assertThat(heard.calls).containsExactly("out:hi\n", "err:oops\n", "out:bye\n");
    }

    @Test
    void aFrameLargerThanTheBufferArrivesWhole() throws Exception {
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        Heard heard = new Heard();
        MultiplexedStream.copy(new ByteArrayInputStream(frame(1, big)), heard);
        assertThat(heard.out.toByteArray()).isEqualTo(big);
    }

    @Test
    void anEmptyStreamIsNoOutput() throws Exception {
        Heard heard = new Heard();
        MultiplexedStream.copy(new ByteArrayInputStream(new byte[0]), heard);
        assertThat(heard.calls).isEmpty();
    }

    @Test
    void aStreamCutInsideAFrameIsAnError() {
        byte[] f = frame(1, "hello".getBytes());
        byte[] cut = java.util.Arrays.copyOf(f, f.length - 2);
        assertThatThrownBy(() -> MultiplexedStream.copy(new ByteArrayInputStream(cut), new Heard()))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> MultiplexedStream.copy(new ByteArrayInputStream(new byte[] {1, 0, 0}), new Heard()))
                .isInstanceOf(EOFException.class);
    }
}
