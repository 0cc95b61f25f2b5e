package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.parser.DockerfileParser;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Large inputs: what the parser does with them, and that its work grows linearly. No wall-clock bound here (a unit
 * test on a shared machine must not fail because a neighbour was busy): the work is counted as the bytes the parsing
 * thread allocates, which does not depend on the machine's speed; the timings are in {@link ParseBenchmark}.
 */
class PerformanceTest {

    /** Bytes the current thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long allocationOf(Runnable work) {
        long before = allocated();
        work.run();
        return allocated() - before;
    }

    @Test
    void theThreadAllocationCounterIsThere() {
        assertThat(allocated()).as("HotSpot's per-thread allocation counter (-1 when unsupported)").isPositive();
    }

    @Test
    void hundredMegabyteLineIsRefusedWithBuildKitsMessage() {
        String huge = "RUN a\nRUN " + "x".repeat(100 * 1024 * 1024);
        assertThatThrownBy(() -> DockerfileParser.parse(huge, "big"))
                .hasMessage("dockerfile line greater than max allowed size of 65535");
    }

    @Test
    void largeFileParsesWithLinearWork() {
        String one = ParseBenchmark.generate(1 << 20);
        String sixteen = one.repeat(16);
        Dockerfile.parse(one, "warm-up"); // class loading and one-off tables are not the parser's per-byte work
        long small = allocationOf(() -> Dockerfile.parse(one, "one"));
        long large = allocationOf(() -> Dockerfile.parse(sixteen, "sixteen"));
        // linear is 16x; quadratic would be 256x
        assertThat((double) large / small).as("work for 16x the input, as a multiple").isBetween(8.0, 32.0);
    }

    @Test
    void hugeLogicalLineFromContinuationsParsesWithLinearWork() {
        Dockerfile.parse(continuations(1000), "warm-up");
        long small = allocationOf(() -> assertThat(Dockerfile.parse(continuations(12_500), "small").stages().get(0)
                .instructions()).hasSize(1));
        long large = allocationOf(() -> assertThat(Dockerfile.parse(continuations(200_000), "large").stages().get(0)
                .instructions()).hasSize(1));
        assertThat((double) large / small).as("work for 16x the continuation lines, as a multiple").isBetween(8.0, 32.0);
    }

    private static String continuations(int lines) {
        StringBuilder sb = new StringBuilder("FROM a\nRUN echo \\\n");
        for (int i = 0; i < lines; i++) {
            sb.append("  --flag-").append(i).append(" \"quoted ${VAR}\" \\\n");
        }
        return sb.append("  end\n").toString();
    }

    @Test
    void deeplyNestedOnbuildAndJsonDoNotOverflowTheStack() {
        String onbuilds = "ONBUILD ".repeat(8000) + "RUN x\n";
        assertThat(DockerfileParser.parse(onbuilds, "D").instructions()).hasSize(1);
        assertThatThrownBy(() -> Dockerfile.parse("FROM a\n" + onbuilds, "D"))
                .hasMessageContaining("Chaining ONBUILD");
        String json = "CMD " + "[".repeat(20000) + "]".repeat(20000) + "\n";
        assertThat(DockerfileParser.parse(json, "D").instructions().get(0).jsonForm()).isFalse();
    }
}
