package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stagesh runs of one test, by pid, and what they left on the engine: the check is scoped by the
 * {@code stagesh.pid} label of the test's own sessions, so another run on the same engine (another test,
 * another engineer) neither breaks it nor hides in it.
 */
final class Sessions {
    private final List<Long> pids = new ArrayList<>();

    Stagesh.Result run(String stdin, String... args) {
        return record(Stagesh.run(stdin, args));
    }

    Stagesh.Result run(String stdin, Path workdir, Map<String, String> env, String... args) {
        return record(Stagesh.run(stdin, workdir, env, args));
    }

    private Stagesh.Result record(Stagesh.Result r) {
        pids.add(r.pid());
        return r;
    }

    void add(long pid) {
        pids.add(pid);
    }

    /** Every recorded session left no container, volume or image but build-cache entries. */
    void assertNothingLeft() {
        for (long pid : pids) {
            Leftovers left = Leftovers.of(pid);
            assertThat(left.none()).as("left on the engine by stagesh pid " + pid + ": " + left).isTrue();
        }
    }
}
