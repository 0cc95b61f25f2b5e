package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RUN line {@code shell --keep} suggests from bash's history with the prompt hook's statuses. */
class ShellHistoryStatusTest {
    private static final String S = ShellHistory.STATUS;

    @Test
    void commandsThatExitedNonZeroAndTheFinalExitAreLeftOut() {
        String file = S + "0\n"                       // the first prompt: nothing typed yet
                + "apt-get update\n" + S + "0\n"
                + "ls /nothing\n" + S + "2\n"
                + S + "2\n"                           // Enter on an empty line repeats the status
                + "make install\n" + S + "0\n"
                + "false\n" + S + "1\n"
                + "exit 3\n";                         // appended by bash as it leaves: no status
        ShellHistory h = ShellHistory.parse(file);
        assertThat(h.commands()).containsExactly("apt-get update", "make install");
        assertThat(h.failed()).containsExactly("ls /nothing", "false");
        assertThat(h.runLine()).contains("RUN apt-get update && make install");
    }

    @Test
    void aCommandWithNoStatusAfterItIsNotKept() {
        ShellHistory h = ShellHistory.parse("touch /a\n" + S + "0\nsleep 100\n");
        assertThat(h.commands()).containsExactly("touch /a");
    }

    @Test
    void aShellThatWritesNoStatusesGivesEveryCommandButLeaving() {
        ShellHistory h = ShellHistory.parse("touch /a\nfalse\nexit\n");
        assertThat(h.commands()).containsExactly("touch /a", "false");
        assertThat(h.failed()).isEmpty();
    }

    @Test
    void theHookWritesTheStatusBeforeAnythingElseChangesIt() {
        assertThat(ContainerShell.STATUS_HOOK).startsWith("__stagesh_status=$?;").contains("history -a")
                .contains(S + "%s\\n");
    }
}
