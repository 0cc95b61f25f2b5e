package dev.stagesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code parse --dump} prints what BuildKit's parser reads for every file of the shared corpus
 * that has an expected dump (BuildKit's own parser fixtures and the real-world files), including
 * the files whose instructions a build refuses.
 */
class ParseDumpCorpusTest {
    @Test
    void dumpPrintsWhatBuildKitsParserReadsForEveryCorpusFile() throws IOException {
        Path corpus = corpus();
        List<Path[]> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus.resolve("buildkit-parser/testfiles"))) {
            dirs.sorted().forEach(d -> cases.add(new Path[] {d.resolve("Dockerfile"), d.resolve("result")}));
        }
        try (Stream<Path> files = Files.list(corpus.resolve("real-world"))) {
            files.sorted().forEach(f -> cases.add(new Path[] {f,
                    corpus.resolve("real-world-expected").resolve(f.getFileName() + ".result")}));
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(183);
        List<String> wrong = new ArrayList<>();
        int refusedByValidation = 0;
        for (Path[] c : cases) {
            String expected = Files.readString(c[1]);
            String actual;
            try {
                actual = ParseCommand.dump(c[0]);
            } catch (DockerfileException e) {
                wrong.add(c[0] + ": " + e.getMessage());
                continue;
            }
            if (!actual.strip().equals(expected.strip())) {
                wrong.add(c[0] + ": dump differs");
            }
            try {
                Dockerfile.load(c[0]);
            } catch (DockerfileException e) {
                refusedByValidation++;
            }
        }
        assertThat(wrong).isEmpty();
        // the corpus does hold files a build refuses: the test covers them, it is not vacuous
        assertThat(refusedByValidation).isGreaterThanOrEqualTo(8);
    }

    @Test
    void buildKitsOwnFixturesThatABuildRefusesStillDump() {
        Path fixtures = corpus().resolve("buildkit-parser/testfiles");
        for (String name : List.of("flags", "json", "health", "jeztah-invalid-json-json-inside-string")) {
            Path file = fixtures.resolve(name).resolve("Dockerfile");
            assertThat(file).exists();
            assertThat(ParseCommand.dump(file)).isNotBlank();
        }
    }

    private static Path corpus() {
        // read in place, never copied: shared/corpus beside the working directory or an ancestor
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpus");
            if (Files.isDirectory(candidate.resolve("buildkit-parser"))) {
                return candidate;
            }
        }
        throw new AssertionError("the shared test corpus (shared/corpus) is not beside the working directory");
    }
}
