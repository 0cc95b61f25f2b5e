package dev.stagesh.dockerfile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every real-world Dockerfile type-checks, has a stage graph and a JSON form. */
class TypedCorpusTest {
    static Stream<Arguments> realWorld() {
        List<Path> files = Corpus.list("real-world", Corpus.REAL_WORLD);
        if (files.isEmpty()) {
            return Stream.of(Arguments.of("corpus-absent", null));
        }
        return files.stream().map(f -> Arguments.of(f.getFileName().toString(), f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realWorld")
    void typeChecks(String name, Path file) {
        if (file == null) {
            Corpus.require("real-world");
        }
        Dockerfile df = Dockerfile.load(file);
        assertThat(df.stages()).isNotEmpty();
        assertThat(DockerfileJson.write(df)).contains("\"stages\"");
        // some files need a --build-arg for their FROM, as in BuildKit: give every ARG a dummy value then
        java.util.Map<String, String> dummies = new java.util.HashMap<>();
        df.metaArgs().forEach(i -> ((dev.stagesh.dockerfile.instructions.Instruction.Arg) i).args()
                .forEach(a -> dummies.put(a.name(), a.defaultValue() == null ? "dummy" : a.defaultValue())));
        Platform p = Platform.parse("linux/amd64");
        StageGraph graph = new StageGraph(df, BuildArgs.resolve(df, dummies, p, p, null));
        List<Stage> required = graph.required(df.lastStage());
        assertThat(required).last().isEqualTo(df.lastStage());
    }
}
