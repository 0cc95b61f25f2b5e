package dev.stagesh.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes one instruction into the Dockerfile after a given line, keeping every other byte. */
final class DockerfileInsertion {
    private DockerfileInsertion() {}

    static void insertAfter(Path file, int line, String instruction) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        boolean trailingNewline = text.endsWith("\n");
        if (trailingNewline) {
            lines.remove(lines.size() - 1);
        }
        lines.add(Math.min(line, lines.size()), instruction);
        Files.writeString(file, String.join(newline, lines) + (trailingNewline ? newline : ""), StandardCharsets.UTF_8);
    }
}
