package dev.stagesh.engine;

import dev.stagesh.docker.OutputSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Passes output on and keeps its last lines, for the report of a failed step. */
final class TailBuffer implements OutputSink {
    private final OutputSink next;
    private final int keep;
    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    TailBuffer(OutputSink next, int keep) {
        this.next = next;
        this.keep = keep;
    }

    @Override
    public synchronized void stdout(byte[] b, int off, int len) {
        next.stdout(b, off, len);
        collect(b, off, len);
    }

    @Override
    public synchronized void stderr(byte[] b, int off, int len) {
        next.stderr(b, off, len);
        collect(b, off, len);
    }

    private void collect(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                push();
            } else if (partial.size() < 4096) {
                partial.write(b[i]);
            }
        }
    }

    private void push() {
        lines.addLast(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
        while (lines.size() > keep) {
            lines.removeFirst();
        }
    }

    synchronized List<String> tail() {
        if (partial.size() > 0) {
            push();
        }
        return List.copyOf(lines);
    }
}
