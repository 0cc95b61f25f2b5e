package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The prompt's command registry (picocli-shell-jline3 in JLine's SystemRegistry) over the real in-shell commands. */
class PromptCommandsTest {
    private final Terminal terminal = DumbTerminals.open();
    private final DefaultParser parser = new DefaultParser();
    private final AtomicInteger built = new AtomicInteger();
    private final CommandTree tree = new CommandTree(java.util.concurrent.CompletableFuture.completedFuture(new CommandLine(new ShellCommands())), CommandLine.defaultFactory());
    private final PromptCommands prompt = new PromptCommands(() -> {
        built.incrementAndGet();
        return tree.complete();
    }, parser, terminal);


    @AfterEach
    void close() throws IOException {
        terminal.close();
    }

    private List<Candidate> complete(String line) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).build();
        List<Candidate> out = new ArrayList<>();
        prompt.completer().complete(reader, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        return out;
    }

    @Test
    void nothingIsBuiltUntilTheFirstUse() {
        assertThat(built).hasValue(0);
        complete("");
        complete("ls -");
        assertThat(built).as("built once, on the first Tab").hasValue(1);
    }

    @Test
    void completesEveryCommandWithItsDescriptionAndACommandsOptions() {
        List<Candidate> commands = complete("");
        assertThat(commands).extracting(Candidate::value).contains("continue", "next", "ls", "commit", "quit", "help");
        assertThat(commands).filteredOn(c -> c.value().equals("continue")).extracting(Candidate::descr)
                .singleElement().asString().isNotBlank();
        assertThat(complete("ls -")).extracting(Candidate::value).contains("--json", "-l", "-a");
    }

    @Test
    void preparedOnceTheFirstPromptShowsTheRegistryIsNotBuiltAgain() {
        prompt.prepare();
        assertThat(built).hasValue(1);
        assertThat(complete("")).extracting(Candidate::value).contains("diff");
        prompt.prepare();
        assertThat(built).as("built once, whoever asks first").hasValue(1);
    }
}
