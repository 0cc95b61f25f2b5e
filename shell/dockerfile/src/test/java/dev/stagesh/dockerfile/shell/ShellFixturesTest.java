package dev.stagesh.dockerfile.shell;

import dev.stagesh.dockerfile.Corpus;
import dev.stagesh.dockerfile.DockerfileException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BuildKit's shell fixtures: envVarTest (ProcessWord) and wordsTest (ProcessWords); platforms A and U only. */
class ShellFixturesTest {
    private static final Map<String, String> ENV = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어",
            "NULL", "");

    static Stream<Arguments> envVarTest() {
        List<Arguments> out = new ArrayList<>();
        Path file = Corpus.file("buildkit-shell/envVarTest").orElse(null);
        if (file == null) {
            return Stream.of(Arguments.of(0, "corpus-absent", null));
        }
        String[] lines = Corpus.read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", 3);
            String platform = parts[0].trim();
            if (!platform.equals("A") && !platform.equals("U")) {
                continue;
            }
            out.add(Arguments.of(i + 1, parts[1].trim(), parts[2].trim()));
        }
        assertThat(out).as("envVarTest cases for platforms A and U").hasSize(Corpus.ENV_VAR_CASES);
        return out.stream();
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("envVarTest")
    void processWord(int line, String input, String expected) {
        if (expected == null) {
            Corpus.require("buildkit-shell/envVarTest");
        }
        ShellLex lex = new ShellLex('\\');
        if (expected.equals("error")) {
            assertThatThrownBy(() -> lex.processWord(input, ENV::get)).isInstanceOf(DockerfileException.class);
        } else {
            assertThat(lex.processWord(input, ENV::get)).isEqualTo(expected);
        }
    }

    static Stream<Arguments> wordsTest() {
        Path file = Corpus.file("buildkit-shell/wordsTest").orElse(null);
        if (file == null) {
            return Stream.of(Arguments.of(0, "corpus-absent", null, null));
        }
        List<Arguments> out = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String[] lines = Corpus.read(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String kv = line.substring(4).stripLeading();
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
                continue;
            }
            int bar = line.indexOf('|');
            String input = line.substring(0, bar).trim();
            String expected = line.substring(bar + 1).stripLeading();
            out.add(Arguments.of(i + 1, input, expected, Map.copyOf(env)));
        }
        assertThat(out).as("wordsTest cases").hasSize(Corpus.WORDS_CASES);
        return out.stream();
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @MethodSource("wordsTest")
    void processWords(int line, String input, String expected, Map<String, String> env) {
        if (expected == null) {
            Corpus.require("buildkit-shell/wordsTest");
        }
        ShellLex lex = new ShellLex('\\');
        if (expected.equals("error")) {
            assertThatThrownBy(() -> lex.processWords(input, env::get)).isInstanceOf(DockerfileException.class);
        } else {
            assertThat(lex.processWords(input, env::get)).isEqualTo(Arrays.asList(expected.split(",", -1)));
        }
    }
}
