package dev.stagesh.dockerfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Dockerfile as UTF-8, invalid bytes becoming U+FFFD, I/O errors becoming DockerfileException. */
final class DockerfileParserAccess {
    private DockerfileParserAccess() {
    }

    static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        } catch (IOException | RuntimeException e) {
            throw new DockerfileException("cannot read Dockerfile: " + e.getMessage(), file.toString(), 0, 0, null);
        }
    }

}
