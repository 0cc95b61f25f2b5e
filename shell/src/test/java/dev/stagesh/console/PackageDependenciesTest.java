package dev.stagesh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher starts the shell, never the other way round: what both need is in console. */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/stagesh");

    private static List<String> importersOf(String imported, String... packages) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String p : packages) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(p))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    if (Files.readString(f).contains("import " + imported)) {
                        out.add(SOURCES.relativize(f).toString());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void neitherTheShellNorTheConsoleImportsTheLauncher() throws IOException {
        assertThat(SOURCES.resolve("shell")).as("run from the shell module").isDirectory();
        assertThat(importersOf("dev.stagesh.cli.", "shell", "console")).isEmpty();
    }

    @Test
    void theConsoleImportsNeitherTheShellNorTheLauncher() throws IOException {
        assertThat(importersOf("dev.stagesh.shell.", "console")).isEmpty();
        assertThat(importersOf("dev.stagesh.console.", "shell")).as("the shell prints through it").isNotEmpty();
    }
}
