package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class HelpRowTest {
    @Test
    void aLongDescriptionWrapsAtTheWidthAlignedUnderItself() {
        AttributedString row = HelpCommand.row("ls", 8, 40,
                "List a directory of the snapshot, read through the engine's archive API so it works without tools");
        List<String> lines = row.toString().lines().toList();
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines.get(0)).startsWith("  ls        List a directory");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).startsWith(" ".repeat(12)).doesNotStartWith(" ".repeat(13)));
        assertThat(String.join(" ", lines).replaceAll("\\s+", " ").strip())
                .isEqualTo("ls List a directory of the snapshot, read through the engine's archive API so it works without tools");
    }

    @Test
    void wordsAreNeverBrokenOnlyTheSpacesBetweenThem() {
        // at 80 columns picocli's table broke this row as "after ." and "dockerignore: every file, ..."
        AttributedString row = HelpCommand.row("context", 8, 80, "The build context exactly as COPY and ADD see it, "
                + "after .dockerignore: every file, directory (shown with a trailing /) and symlink");
        assertThat(row.toString().lines().toList()).containsExactly(
                "  context   The build context exactly as COPY and ADD see it, after",
                "            .dockerignore: every file, directory (shown with a trailing /) and",
                "            symlink");
    }

    @Test
    void theNameIsBoldWhenColourIsOn() {
        AttributedString row = HelpCommand.row("next", 8, 80, "Run the next step.");
        assertThat(row.toAnsi()).contains("\u001b[1mnext\u001b[0m");
        assertThat(row.toString()).isEqualTo("  next      Run the next step.");
    }
}
