package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rows at the terminal's foot: a description above the status line, and the height they keep while a line is read. */
class ScreenFootTest {
    private static final AttributedString POSITION = new AttributedString("✓  stage 0 1/2  FROM busybox  next: RUN true");
    private final Terminal terminal = DumbTerminals.open();
    private final ScreenFoot foot = new ScreenFoot(terminal, new Object(), () -> POSITION);


    @AfterEach
    void close() throws IOException {
        terminal.close();
    }

    private List<String> rows() {
        return foot.rows().stream().map(AttributedString::toString).toList();
    }

    private static List<AttributedString> lines(String... text) {
        return java.util.Arrays.stream(text).map(AttributedString::new).toList();
    }

    @Test
    void aLineWithNothingToDescribeTakesNoRow() {
        foot.reading(3);
        assertThat(rows()).isEmpty();
        foot.description(lines("", "", ""));
        assertThat(rows()).as("TailTip's padding alone").isEmpty();
    }

    @Test
    void theDescriptionSitsOnTheStatusLineAtTheBottomOfAFixedHeight() {
        foot.reading(3);
        foot.description(lines("diff [--json] [STEP...]", "", ""));
        assertThat(rows()).containsExactly("", "", "diff [--json] [STEP...]", POSITION.toString());
        foot.description(lines("ls [-adhl] [--json] [PATH...]", "  -l  long listing", ""));
        assertThat(rows()).containsExactly("", "ls [-adhl] [--json] [PATH...]", "  -l  long listing", POSITION.toString());
        foot.description(lines());
        assertThat(rows()).as("grown once, it keeps its height until the line is read").containsExactly("", "", "", "");
        foot.read();
        assertThat(rows()).isEmpty();
    }

    @Test
    void aCompletionTakesTheHeightBeforeItRuns() {
        foot.reading(3);
        foot.reserve();
        assertThat(rows()).containsExactly("", "", "", "");
    }

    @Test
    void aDescriptionLongerThanTheFootIsCut() {
        foot.reading(2);
        foot.description(lines("one", "two", "three"));
        assertThat(rows()).containsExactly("one", "two", POSITION.toString());
    }

    @Test
    void aRunningStepsStatusIsTheFootAloneOnceTheLineIsRead() {
        foot.reading(3);
        foot.description(lines("next [N]"));
        foot.read();
        foot.status(lines("⠋ 0.2s  stage 0 2/2  RUN true"));
        assertThat(rows()).containsExactly("⠋ 0.2s  stage 0 2/2  RUN true");
        foot.status(List.of());
        assertThat(rows()).isEmpty();
    }
}
