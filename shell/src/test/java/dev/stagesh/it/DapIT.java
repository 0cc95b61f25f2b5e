package dev.stagesh.it;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code stagesh dap} driven by a DAP client nobody here wrote: Microsoft's
 * {@code @vscode/debugadapter-testsupport}, running the scripted sessions of
 * {@code src/test/dap/dap.test.mjs} (see {@link DapNode}).
 */
class DapIT {
    @Test
    void anEditorsDebugClientDrivesTheSession() throws IOException {
        DapNode.run("dap.test.mjs", 5);
    }
}
