package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.Instruction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HEALTHCHECK as the image config stores it: NONE, CMD (exec form) or CMD-SHELL, durations in ns. */
final class Healthchecks {
    private Healthchecks() {}

    static ImageConfig.Healthcheck of(Instruction.Healthcheck h) {
        if (h.none()) {
            return new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null);
        }
        List<String> test = new ArrayList<>();
        if (h.test().shellForm()) {
            test.add("CMD-SHELL");
            test.add(String.join(" ", h.test().args()));
        } else {
            test.add("CMD");
            test.addAll(h.test().args());
        }
        return new ImageConfig.Healthcheck(test, nanos(h.intervalDuration()), nanos(h.timeoutDuration()),
                nanos(h.startPeriodDuration()), nanos(h.startIntervalDuration()),
                h.retries() == null ? null : h.retriesCount());
    }

    private static Long nanos(Duration d) {
        return d == null || d.isZero() ? null : d.toNanos();
    }
}
