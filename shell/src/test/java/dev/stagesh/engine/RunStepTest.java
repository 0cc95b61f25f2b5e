package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStepTest {
    @Test
    void theEnginesHostnameIsUnsetUnlessTheDockerfileSetsIt() {
        // a BuildKit RUN sees no HOSTNAME; the engine gives every exec one
        var cmd = new RunCommand.Argv(List.of("/bin/sh", "-c", "env"), null);
        assertThat(RunStep.withoutEngineHostname(cmd, Map.of("PATH", "/bin")).argv())
                .containsExactly(Toolbox.BUSYBOX, "env", "-u", "HOSTNAME", "/bin/sh", "-c", "env");
        assertThat(RunStep.withoutEngineHostname(cmd, Map.of("HOSTNAME", "mine")).argv())
                .containsExactly("/bin/sh", "-c", "env");
    }
}
