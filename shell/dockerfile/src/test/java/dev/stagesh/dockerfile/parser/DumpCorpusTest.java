package dev.stagesh.dockerfile.parser;

import dev.stagesh.dockerfile.Corpus;
import dev.stagesh.dockerfile.DockerfileSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BuildKit's TestParseCases over its own fixtures and the 150 real-world files: dump must match byte for byte. */
class DumpCorpusTest {

    static Stream<Arguments> testfiles() {
        return withPlaceholder(Corpus.list("buildkit-parser/testfiles", Corpus.BUILDKIT_FIXTURES).stream()
                .map(d -> Arguments.of(d.getFileName().toString(), d.resolve("Dockerfile"), d.resolve("result"))));
    }

    static Stream<Arguments> realWorld() {
        return withPlaceholder(Corpus.list("real-world", Corpus.REAL_WORLD).stream()
                .map(f -> Arguments.of(f.getFileName().toString(), f,
                        f.getParent().resolveSibling("real-world-expected")
                                .resolve(f.getFileName() + ".result"))));
    }

    /** JUnit rejects an empty source; one placeholder case lets the test skip (or, where required, fail) instead. */
    static Stream<Arguments> withPlaceholder(Stream<Arguments> s) {
        List<Arguments> all = s.toList();
        return all.isEmpty() ? Stream.of(Arguments.of("corpus-absent", null, null)) : all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testfiles")
    void buildkitTestfile(String name, Path dockerfile, Path result) {
        assertDump(dockerfile, result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realWorld")
    void realWorld(String name, Path dockerfile, Path result) {
        assertDump(dockerfile, result);
    }

    private static void assertDump(Path dockerfile, Path result) {
        if (dockerfile == null) {
            Corpus.require("real-world");
        }
        String expected = new String(Corpus.bytes(result), java.nio.charset.StandardCharsets.UTF_8);
        ParsedFile parsed = DockerfileParser.parse(dockerfile);
        assertThat(Dumper.dump(parsed)).isEqualTo(expected);
    }

    static final Map<String, String> NEGATIVE = Map.of(
            "empty_dockerfile", "file with no instructions",
            "only_comments", "file with no instructions",
            "env_no_value", "ENV must have two arguments",
            "shykes-nested-json", "when using JSON array syntax, arrays must be comprised of strings only");

    static Stream<Arguments> negative() {
        return withPlaceholder(Corpus.list("buildkit-parser/testfiles-negative", Corpus.BUILDKIT_NEGATIVE).stream()
                .map(d -> Arguments.of(d.getFileName().toString(), d.resolve("Dockerfile"), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negative")
    void negativeCase(String name, Path dockerfile, Path unused) {
        if (dockerfile == null) {
            Corpus.require("buildkit-parser/testfiles-negative");
        }
        assertThat(NEGATIVE).containsKey(name);
        assertThatThrownBy(() -> DockerfileParser.parse(dockerfile))
                .isInstanceOf(DockerfileSyntaxException.class)
                .hasMessage(NEGATIVE.get(name));
    }

    @Test
    void lineNumbers() {
        Path file = Corpus.require("buildkit-parser/testfile-line/Dockerfile");
        ParsedFile parsed = DockerfileParser.parse(file);
        assertThat(parsed.startLine()).isEqualTo(5);
        assertThat(parsed.endLine()).isEqualTo(31);
        assertThat(parsed.instructions()).extracting(n -> List.of(n.startLine(), n.endLine()))
                .containsExactly(List.of(5, 5), List.of(11, 12), List.of(17, 31));
        assertThat(Files.exists(file)).isTrue();
    }
}
