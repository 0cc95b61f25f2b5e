package dev.stagesh.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * An exec with a terminal over docker-java's transport (TCP, TLS: engines without a local socket),
 * whose hijacking copies a stream of typed bytes in and hands the terminal's bytes to a callback.
 * Both are joined to the {@link TtyProcess} streams by pipes; the output pipe closes when the
 * transport says the stream ended, so the reader sees its end.
 */
final class TransportTtyProcess extends ExecTty {
    private static final int PIPE = 64 * 1024;

    private final PipedOutputStream keys;
    private final PipedInputStream shown;
    private final ResultCallback.Adapter<Frame> stream;

    private TransportTtyProcess(PipedOutputStream keys, PipedInputStream shown, ResultCallback.Adapter<Frame> stream,
                                Consumer<TerminalSize> resize, IntSupplier exitCode) {
        super(resize, exitCode);
        this.keys = keys;
        this.shown = shown;
        this.stream = stream;
    }

    static TransportTtyProcess start(DockerClient client, String execId, Consumer<TerminalSize> resize, IntSupplier exitCode) {
        try {
            PipedInputStream typed = new PipedInputStream(PIPE);
            PipedOutputStream keys = new PipedOutputStream(typed);
            PipedInputStream shown = new PipedInputStream(PIPE);
            PipedOutputStream toShown = new PipedOutputStream(shown);
            ResultCallback.Adapter<Frame> stream = client.execStartCmd(execId).withTty(true).withStdIn(typed)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            try {
                                toShown.write(frame.getPayload());
                                toShown.flush();
                            } catch (IOException e) {
                                // the reader has gone: nothing shows the bytes any more
                            }
                        }

                        @Override
                        public void onComplete() {
                            closeQuietly(toShown);
                            super.onComplete();
                        }

                        @Override
                        public void onError(Throwable e) {
                            closeQuietly(toShown);
                            super.onError(e);
                        }
                    });
            return new TransportTtyProcess(keys, shown, stream, resize, exitCode);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("cannot start a terminal in the container: " + EngineConnector.rootMessage(e), e);
        }
    }

    @Override
    public InputStream output() {
        return shown;
    }

    @Override
    public void type(byte[] bytes, int offset, int length) throws IOException {
        keys.write(bytes, offset, length);
        keys.flush();
    }

    @Override
    public void close() {
        closeQuietly(keys);
        closeQuietly(stream);
        closeQuietly(shown);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the connection is going anyway
        }
    }
}
