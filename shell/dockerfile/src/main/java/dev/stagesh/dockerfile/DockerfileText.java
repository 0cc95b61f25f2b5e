package dev.stagesh.dockerfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a Dockerfile on disk. BuildKit reads the bytes as a Go string, which never fails on
 * invalid UTF-8, so invalid bytes become U+FFFD here rather than an error; a file that cannot be
 * read is a {@link DockerfileException} naming it.
 */
public final class DockerfileText {
    private DockerfileText() {
    }

    public static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new DockerfileException("cannot read Dockerfile: " + e.getMessage(), file.toString(), 0, 0, null);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
