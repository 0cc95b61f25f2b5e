package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of {@code shell --keep}: the RUN line from a history file, and its insertion. */
class ShellKeepPartsTest {
    @TempDir
    Path dir;

    @Test
    void historyBecomesOneRunLineWithoutLeavingOrBlankLines() {
        ShellHistory h = ShellHistory.parse("apt-get update\n\n#1700000000\ncd /app; make\ntrue || false\nexit\n");
        assertThat(h.commands()).containsExactly("apt-get update", "cd /app; make", "true || false");
        assertThat(h.runLine()).contains("RUN apt-get update && { cd /app; make; } && { true || false; }");
    }

    @Test
    void noCommandsNoLine() {
        assertThat(ShellHistory.parse("exit\n").runLine()).isEmpty();
        assertThat(ShellHistory.parse("").runLine()).isEmpty();
    }

    @Test
    void insertionKeepsEveryOtherByte() throws Exception {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM busybox\r\nRUN a \\\r\n  b\r\n\r\nCMD x");
        DockerfileInsertion.insertAfter(f, 3, "RUN kept");
        assertThat(Files.readString(f)).isEqualTo("FROM busybox\r\nRUN a \\\r\n  b\r\nRUN kept\r\n\r\nCMD x");

        Path g = dir.resolve("Other");
        Files.writeString(g, "FROM busybox\n");
        DockerfileInsertion.insertAfter(g, 1, "RUN kept");
        assertThat(Files.readString(g)).isEqualTo("FROM busybox\nRUN kept\n");
    }
}
