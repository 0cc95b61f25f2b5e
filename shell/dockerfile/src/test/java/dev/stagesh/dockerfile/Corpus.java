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
 * lists its files. A checkout without the corpus skips its tests, with a message; but where the corpus is
 * {@linkplain #required() required} (scripts/test, CI) a missing corpus, or one with fewer files than it has, fails the
 * run: otherwise 893 tests quietly become 127 and the build stays green.
 */
public final class Corpus {
    /** How many entries each corpus directory holds (its README's counts); a corpus with fewer fails. */
    public static final int BUILDKIT_FIXTURES = 33;
    public static final int BUILDKIT_NEGATIVE = 4;
    public static final int BUILDKIT_AST = 34;
    public static final int REAL_WORLD = 150;
    /** BuildKit's shell fixtures: envVarTest lines for all platforms or Unix (A, U), and wordsTest cases. */
    public static final int ENV_VAR_CASES = 228;
    public static final int WORDS_CASES = 24;

    private Corpus() {
    }

    /** Set by scripts/test ({@code STAGESH_REQUIRE_CORPUS=1}) and on CI ({@code CI=true}). */
    public static boolean required() {
        return "1".equals(System.getenv("STAGESH_REQUIRE_CORPUS")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the calling test where the corpus may be absent, fails it where it is required. */
    static void missing(String what) {
        if (required()) {
            throw new AssertionError(what + " (STAGESH_REQUIRE_CORPUS=1 or CI=true: the corpus is required)");
        }
        Assumptions.abort(what);
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

    private static final String NOT_FOUND = "test corpus not found: no shared/corpus next to the working directory or"
            + " any ancestor";

    /** The corpus sub-path; skips the calling test when it is absent, or fails it where the corpus is required. */
    public static Path require(String sub) {
        Optional<Path> root = root();
        if (root.isEmpty()) {
            missing(NOT_FOUND);
        }
        Path p = root.get().resolve(sub);
        if (!Files.exists(p)) {
            missing("test corpus entry missing: " + p);
        }
        return p;
    }

    /**
     * Sorted entries of a corpus directory, checked to be exactly {@code expected} many (a corpus that lost files
     * must not pass with fewer cases). Where the corpus is absent: an empty list (the test then skips), or, where it
     * is required, an error, which fails the test that asked.
     */
    public static List<Path> list(String sub, int expected) {
        Optional<Path> root = root();
        if (root.isEmpty() || !Files.isDirectory(root.get().resolve(sub))) {
            if (required()) {
                throw new AssertionError((root.isEmpty() ? NOT_FOUND : "test corpus entry missing: " + sub)
                        + " (STAGESH_REQUIRE_CORPUS=1 or CI=true: the corpus is required)");
            }
            return List.of();
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(root.get().resolve(sub))) {
            all = s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.size() != expected) {
            throw new AssertionError("the corpus's " + sub + " has " + all.size() + " entries, not the " + expected
                    + " these tests were written for");
        }
        return all;
    }

    /**
     * A corpus file, or empty when the corpus is absent (the test then skips), or an error where it is required.
     */
    public static Optional<Path> file(String sub) {
        Optional<Path> p = root().map(r -> r.resolve(sub)).filter(Files::isRegularFile);
        if (p.isEmpty() && required()) {
            throw new AssertionError("test corpus file missing: " + sub
                    + " (STAGESH_REQUIRE_CORPUS=1 or CI=true: the corpus is required)");
        }
        return p;
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
