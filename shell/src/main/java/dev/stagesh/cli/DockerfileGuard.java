package dev.stagesh.cli;

import dev.stagesh.StageshException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses, before anything reads it whole, a file that cannot be a Dockerfile: one too big to
 * be anyone's Dockerfile (parsing it would take minutes and gigabytes), or binary content.
 */
final class DockerfileGuard {
    /** BuildKit's own frontend refuses far smaller; real Dockerfiles are kilobytes. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final int SNIFF = 64 * 1024;

    private DockerfileGuard() {}

    static void check(Path dockerfile) {
        long size;
        try {
            size = Files.size(dockerfile);
        } catch (IOException e) {
            throw new StageshException("cannot read " + dockerfile + ": " + e.getMessage(), e);
        }
        if (size > MAX_BYTES) {
            throw new StageshException(dockerfile + ": " + size / (1024 * 1024) + " MiB is too big for a Dockerfile"
                    + " (the limit is " + MAX_BYTES / (1024 * 1024) + " MiB)");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(dockerfile)) {
            head = in.readNBytes(SNIFF);
        } catch (IOException e) {
            throw new StageshException("cannot read " + dockerfile + ": " + e.getMessage(), e);
        }
        int line = 1;
        int column = 1;
        for (byte b : head) {
            int c = b & 0xff;
            if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
                throw new StageshException(dockerfile + ":" + line + ":" + column + ": not a Dockerfile (binary content,"
                        + " byte 0x" + String.format("%02x", c) + ")");
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }
}
