package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-world ignore files from the shared corpus (read in place, never copied into the project): all must
 * parse, and buildah's conformance cases — written to compare with docker — must give docker's outcomes on
 * a tree built here.
 */
class DockerIgnoreCorpusTest {
    private static final String CONFORMANCE = "containers__buildah__tests__conformance__testdata__dockerignore__";

    /** Finds {@code shared/corpus/dockerignore} beside the working directory or one of its ancestors. */
    static Path corpus() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpus").resolve("dockerignore");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The corpus's ignore files, and of them buildah's conformance cases (each has an expectation below). */
    private static final int FILES = 50;
    private static final int CONFORMANCE_FILES = 18;

    /**
     * The corpus, or a skip where it may be absent; scripts/test ({@code STAGESH_REQUIRE_CORPUS=1}) and CI
     * ({@code CI=true}) require it, so there a missing corpus fails instead of leaving "Tests run: 0".
     */
    private static Path requireCorpus() {
        Path corpus = corpus();
        if (corpus == null) {
            String why = "no ../shared/corpus/dockerignore next to the working directory or any ancestor; the"
                    + " real-world .dockerignore tests need that corpus";
            if ("1".equals(System.getenv("STAGESH_REQUIRE_CORPUS")) || "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " (STAGESH_REQUIRE_CORPUS=1 or CI=true: the corpus is required)");
            }
            assumeTrue(false, "SKIPPED: " + why);
        }
        return corpus;
    }

    private static List<Path> files(Path corpus) throws IOException {
        try (Stream<Path> s = Files.list(corpus)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileParses() throws IOException {
        List<Path> files = files(requireCorpus());
        assertThat(files).hasSize(FILES);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertThatCode(() -> DockerIgnore.parse(text)).doesNotThrowAnyException();
        }));
    }

    /** Case name → (tree, expected walk). Trees mirror the situations each buildah case was written for. */
    private static final Map<String, Case> CASES = Map.ofEntries(
            Map.entry("empty", new Case(List.of("a", "d/b"), List.of(".dockerignore", "a", "d", "d/b"))),
            Map.entry("integration2", new Case(List.of("a", "unmatchedx"),
                    List.of(".dockerignore", "a", "unmatchedx"))),
            Map.entry("allowlist__nothing-dot", new Case(List.of("a", "d/b"), List.of())),
            Map.entry("allowlist__nothing-slash", new Case(List.of("a", "d/b"), List.of())),
            Map.entry("allowlist__subdir-file", new Case(List.of("folder1/file1", "folder1/file2", "other"),
                    List.of("folder1", "folder1/file1"))),
            Map.entry("allowlist__subdir-nofile", new Case(List.of("folder1/file1", "other"), List.of())),
            Map.entry("allowlist__subsubdir-file", new Case(List.of("folder/subfolder/file", "folder/x"),
                    List.of("folder", "folder/subfolder", "folder/subfolder/file"))),
            Map.entry("allowlist__subsubdir-nofile", new Case(List.of("folder/subfolder/other"), List.of())),
            Map.entry("allowlist__subsubdir-nosubdir", new Case(List.of("folder/file"), List.of())),
            Map.entry("allowlist__alternating", alternating(true)),
            Map.entry("allowlist__alternating-other", alternating(true)),
            Map.entry("allowlist__alternating-nothing", alternating(false)),
            Map.entry("exceptions-skip", new Case(
                    List.of("volume/data/oneline.txt", "volume/data/other.txt", "top.txt"),
                    List.of(".dockerignore", "top.txt", "volume", "volume/data", "volume/data/oneline.txt"))),
            Map.entry("exceptions-weirdness-1", new Case(
                    List.of("subdir/sub1.txt", "subdir/sub2.txt", "subdir/sub3.txt", "other.txt"),
                    List.of(".dockerignore", "other.txt", "subdir", "subdir/sub1.txt"))),
            Map.entry("exceptions-weirdness-2", new Case(
                    List.of("subdir/sub1.txt", "subdir/sub2.txt", "subdir/sub3.txt", "other.txt"),
                    List.of(".dockerignore", "other.txt", "subdir", "subdir/sub1.txt", "subdir/sub3.txt"))),
            Map.entry("integration1", new Case(
                    List.of("test1.txt", "test2.txt", "subdir/sub1.txt", "subdir/sub2.txt", "foo"),
                    List.of("subdir", "subdir/sub1.txt", "test2.txt"))),
            Map.entry("integration3", new Case(
                    List.of("test1.txt", "test2.txt", "src/a.c", "src/b.in", "src/etc/x", "README.md",
                            "README-secret.md", "other.md", "foo"),
                    List.of("README.md", "src", "src/a.c", "test2.txt"))),
            Map.entry("minimal_test", new Case(
                    List.of("stuff/huge/usr/bin/a", "stuff/huge/lib/x", "stuff/small"),
                    List.of(".dockerignore", "stuff", "stuff/huge", "stuff/huge/usr", "stuff/huge/usr/bin",
                            "stuff/huge/usr/bin/a", "stuff/small"))));

    private static Case alternating(boolean lastFileKept) {
        String d5 = "subdir/subdir1/subdir2/subdir3/subdir4/subdir5";
        List<String> tree = List.of("subdir/file", "subdir/subdir1/file", "subdir/subdir1/subdir2/file",
                "subdir/subdir1/subdir2/subdir3/file", "subdir/subdir1/subdir2/subdir3/subdir4/file", d5 + "/file",
                "top");
        List<String> kept = new java.util.ArrayList<>(List.of("subdir", "subdir/file", "subdir/subdir1",
                "subdir/subdir1/subdir2", "subdir/subdir1/subdir2/file", "subdir/subdir1/subdir2/subdir3",
                "subdir/subdir1/subdir2/subdir3/subdir4", "subdir/subdir1/subdir2/subdir3/subdir4/file"));
        if (lastFileKept) {
            kept.addAll(List.of(d5, d5 + "/file"));
        }
        return new Case(tree, kept);
    }

    record Case(List<String> tree, List<String> expectedWalk) {
    }

    @TestFactory
    Stream<DynamicTest> buildahConformanceOutcomes(@TempDir Path temp) throws IOException {
        Path corpus = requireCorpus();
        List<Path> files = files(corpus).stream()
                .filter(f -> f.getFileName().toString().startsWith(CONFORMANCE)).toList();
        assertThat(files).hasSize(CONFORMANCE_FILES);
        return files.stream().map(f -> {
            String name = f.getFileName().toString();
            String key = name.substring(CONFORMANCE.length(), name.length() - "__.dockerignore".length());
            return DynamicTest.dynamicTest(key, () -> {
                Case c = CASES.get(key);
                assertThat(c).as("an expectation written for " + key).isNotNull();
                Tree tree = new Tree(Files.createDirectory(temp.resolve(key.replace("__", "-")))).with(
                        c.tree().toArray(String[]::new));
                Files.copy(f, tree.root.resolve(".dockerignore")); // into the temp tree only
                assertThat(tree.walk()).containsExactlyElementsOf(c.expectedWalk());
            });
        });
    }
}
