package dev.stagesh.it;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The debug console's {@code shell} and {@code shell --keep} on every engine, as an editor runs
 * them: the command runInTerminal names runs in tmux with no docker CLI on the PATH
 * ({@code src/test/dap/dap-shell.test.mjs}, see {@link DapNode}); what a RUN wrote is read in the
 * shell, and its container is gone afterwards.
 */
class DapShellIT {
    @Test
    @Tag("compat")
    void theEditorsTerminalRunsTheShellThroughTheEnginesApi() throws IOException {
        Preconditions.needTmux();
        DapNode.run("dap-shell.test.mjs", 1);
    }
}
