package dev.stagesh.dockerfile;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates the shared test corpus ({@code shared/corpus}, a sibling of one of the working directory's ancestors) and
 * lists its files. Tests skip, with a message, when it is absent.
 */
public final class Corpus {
    private Corpus() {
    }

    public static Optional<Path> root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            Path sibling = dir.resolveSibling("shared").resolve("corpus");
            if (dir.getParent() != null && Files.isDirectory(sibling)) {
                return Optional.of(sibling);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The corpus sub-path, or skips the calling test. */
    public static Path require(String sub) {
        Optional<Path> root = root();
        Assumptions.assumeTrue(root.isPresent(),
                "test corpus not found: no shared/corpus next to the working directory or any ancestor");
        Path p = root.get().resolve(sub);
        Assumptions.assumeTrue(Files.exists(p), "test corpus entry missing: " + p);
        return p;
    }

    /** Sorted entries of a corpus directory, or an empty list when the corpus is absent (the test then skips). */
    public static List<Path> list(String sub) {
        Optional<Path> root = root();
        if (root.isEmpty() || !Files.isDirectory(root.get().resolve(sub))) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root.get().resolve(sub))) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
