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

    @Test
    void aHeredocRunsHistoryNamesWhatRunsAsBuildKitWritesIt() {
        // the strings Docker 28.5's BuildKit wrote for these lines (the equivalence case run-heredocs)
        var runs = dev.stagesh.dockerfile.Dockerfile.parse("""
                FROM busybox
                RUN <<EOF
                echo one > /a
                EOF
                RUN <<EOF
                #!/usr/bin/awk -f
                BEGIN { print "x" }
                EOF
                RUN <<-EOF sh
                \techo tabs
                \tEOF
                RUN cat <<A > /a && cat <<B > /b
                alpha
                A
                beta
                B
                RUN echo plain
                """, "Dockerfile").stages().get(0).instructions().stream()
                .map(i -> String.join(" ", RunCommand.historyArgv((dev.stagesh.dockerfile.instructions.Instruction.Run) i,
                        List.of("/bin/sh", "-c")))).toList();
        assertThat(runs).containsExactly(
                "/bin/sh -c echo one > /a\n",
                "/bin/sh -c /dev/pipes/EOF",
                "/bin/sh -c <<-EOF sh\n\techo tabs\nEOF",
                "/bin/sh -c cat <<A > /a && cat <<B > /b\nalpha\nA\nbeta\nB",
                "/bin/sh -c echo plain");
    }
}
