package dev.stagesh.docker;

/** Receives what a process in a container writes, as it writes it. */
public interface OutputSink {
    void stdout(byte[] bytes, int offset, int length);

    void stderr(byte[] bytes, int offset, int length);

    OutputSink DISCARD = new OutputSink() {
        @Override
        public void stdout(byte[] bytes, int offset, int length) {}

        @Override
        public void stderr(byte[] bytes, int offset, int length) {}
    };
}
