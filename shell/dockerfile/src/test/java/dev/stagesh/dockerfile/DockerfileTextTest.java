package dev.stagesh.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Dockerfile's text as BuildKit reads it: invalid UTF-8 kept as U+FFFD, an unreadable file a DockerfileException. */
class DockerfileTextTest {
    @TempDir
    Path dir;

    @Test
    void invalidBytesBecomeReplacementCharacters() throws Exception {
        Path f = dir.resolve("Dockerfile");
        Files.write(f, new byte[] {'F', 'R', 'O', 'M', ' ', 'a', (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x82, (byte) 0xAC});
        assertThat(DockerfileText.read(f)).isEqualTo("FROM a\uFFFD\n\u20AC");
    }

    @Test
    void anUnreadableFileIsADockerfileExceptionNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> DockerfileText.read(missing)).isInstanceOf(DockerfileException.class)
                .hasMessageStartingWith("cannot read Dockerfile: ")
                .satisfies(e -> assertThat(((DockerfileException) e).fileName()).isEqualTo(missing.toString()));
        assertThatThrownBy(() -> DockerfileText.read(dir)).as("a directory").isInstanceOf(DockerfileException.class);
    }
}
