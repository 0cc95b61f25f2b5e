package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.StageshException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Identical steps of stages side by side: run once while sharing is open, every time outside it. */
class SharedStepsTest {
    private final SharedSteps shared = new SharedSteps();
    private final AtomicInteger runs = new AtomicInteger();

    private String step() {
        return "sha256:image-" + runs.incrementAndGet();
    }

    @Test
    void outsideAnOpenScopeEveryStepRuns() {
        assertThat(shared.once("k", "stage 0 step 2", this::step).image()).isEqualTo("sha256:image-1");
        assertThat(shared.once("k", "stage 1 step 2", this::step).image()).isEqualTo("sha256:image-2");
        try (SharedSteps.Scope scope = shared.open()) {
            shared.once("k", "stage 0 step 2", this::step);
        }
        // closed: what ran in the scope is forgotten (a step taken again after back runs again)
        assertThat(shared.once("k", "stage 0 step 2", this::step).here()).isTrue();
        assertThat(runs.get()).isEqualTo(4);
    }

    @Test
    void aStepWithNoCacheKeyIsNeverShared() {
        try (SharedSteps.Scope scope = shared.open()) {
            shared.once(null, "stage 0 step 2", this::step);
            assertThat(shared.once(null, "stage 1 step 2", this::step).here()).isTrue();
        }
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void theSecondStageWaitsForTheFirstsStepAndStandsOnItsImage() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (SharedSteps.Scope scope = shared.open()) {
            var first = CompletableFuture.supplyAsync(() -> shared.once("k", "stage 0 (a) step 2", () -> {
                running.countDown();
                await(finish);
                return step();
            }));
            running.await();
            var second = CompletableFuture.supplyAsync(() -> shared.once("k", "stage 1 (b) step 2", this::step));
            Thread.sleep(50);
            assertThat(second).isNotDone(); // it waits while the first runs
            finish.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new SharedSteps.Ran("sha256:image-1", "stage 0 (a) step 2", true));
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(new SharedSteps.Ran("sha256:image-1", "stage 0 (a) step 2", false));
            // and a stage that comes to the step later in the same run stands on it too
            assertThat(shared.once("k", "stage 2 step 3", this::step).image()).isEqualTo("sha256:image-1");
            // another key is another step
            assertThat(shared.once("other", "stage 2 step 4", this::step).image()).isEqualTo("sha256:image-2");
        }
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void whenTheStepFailsWhereItRanTheStagesThatShareItStopTooUntilTheScopeCloses() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        try (SharedSteps.Scope scope = shared.open()) {
            var first = CompletableFuture.supplyAsync(() -> shared.once("k", "stage 0 (a) step 2", () -> {
                running.countDown();
                await(fail);
                throw new StageshException("line 2: RUN: the command exited with code 1");
            }));
            running.await();
            var second = CompletableFuture.supplyAsync(() -> shared.once("k", "stage 1 (b) step 2", this::step));
            Thread.sleep(50); // most often it waits; if it comes later, it finds the failure kept
            fail.countDown();
            assertThatThrownBy(first::join).hasCauseInstanceOf(StageshException.class)
                    .hasMessageContaining("exited with code 1");
            assertThatThrownBy(second::join).hasCauseInstanceOf(SharedStepFailedException.class)
                    .hasMessageContaining("stopped: the same step did not finish in stage 0 (a) step 2");
            assertThatThrownBy(() -> shared.once("k", "stage 2 step 2", this::step))
                    .isInstanceOf(SharedStepFailedException.class);
            assertThat(runs.get()).isZero();
        }
        assertThat(shared.once("k", "stage 0 (a) step 2", this::step).here()).isTrue();
        assertThat(runs.get()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
