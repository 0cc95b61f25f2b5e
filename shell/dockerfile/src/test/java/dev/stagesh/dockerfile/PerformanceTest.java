package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.parser.DockerfileParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Linear behaviour on large inputs; bounds are generous so shared CI machines do not flake. */
class PerformanceTest {

    @Test
    void hundredMegabyteLineFailsFast() {
        String huge = "RUN a\nRUN " + "x".repeat(100 * 1024 * 1024);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DockerfileParser.parse(huge, "big"))
                .hasMessage("dockerfile line greater than max allowed size of 65535");
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(20_000);
    }

    @Test
    void largeFileParsesLinearly() {
        String one = ParseBenchmark.generate(1 << 20);
        String sixteen = one.repeat(16);
        ParseBenchmark.measure(one, 10, 3);
        double small = ParseBenchmark.measure(one, 0, 3);
        double large = ParseBenchmark.measure(sixteen, 0, 1);
        // linear would be 16x; allow a wide margin for GC and noise, far below quadratic (256x)
        assertThat(large).isLessThan(Math.max(60 * small, 500));
    }

    @Test
    void hugeLogicalLineFromContinuationsIsLinear() {
        StringBuilder sb = new StringBuilder("FROM a\nRUN echo \\\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append("  --flag-").append(i).append(" \"quoted ${VAR}\" \\\n");
        }
        sb.append("  end\n");
        long t0 = System.nanoTime();
        Dockerfile df = Dockerfile.parse(sb.toString(), "big");
        assertThat(df.stages().get(0).instructions()).hasSize(1);
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(30_000);
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
