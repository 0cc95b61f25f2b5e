package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.StageshException;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.StageGraph;
import dev.stagesh.dockerfile.StageSchedule;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner of stages side by side, with stand-in stage bodies: its bound, its order, its stop on failure. */
class ConcurrentStagesTest {
    private static final Dockerfile FILE = Dockerfile.parse("""
            FROM busybox AS a
            FROM busybox AS b
            FROM busybox AS c
            FROM a AS d
            FROM busybox
            COPY --from=b /x /x
            COPY --from=c /x /x
            COPY --from=d /x /x
            """, "Dockerfile");
    private final List<StageRun> runs = FILE.stages().stream().map(StageRun::new).toList();

    private StageSchedule schedule() {
        return StageSchedule.before(new StageGraph(FILE), FILE.stages().get(4));
    }

    @Test
    void atMostTheLimitRunAtOnceAndAStageStartsOnlyOnceWhatItReadsIsDone() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> events = new CopyOnWriteArrayList<>();
        new ConcurrentStages(2).run(schedule(), Set.of(), (stage, stop) -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            events.add("start " + stage.name());
            sleep(100);
            events.add("end " + stage.name());
            now.decrementAndGet();
        }, runs::get, () -> { });
        assertThat(most.get()).isEqualTo(2);
        assertThat(events).hasSize(8);
        assertThat(events.indexOf("end a")).isLessThan(events.indexOf("start d"));
    }

    @Test
    void stagesAlreadyDoneDoNotRunAgain() {
        List<String> ran = new CopyOnWriteArrayList<>();
        new ConcurrentStages(2).run(schedule(), Set.of(0, 1), (stage, stop) -> ran.add(stage.name()), runs::get, () -> { });
        assertThat(ran).containsExactlyInAnyOrder("c", "d");
    }

    @Test
    void theFirstFailureStopsTheOthersStartsNoMoreAndNamesItsStage() {
        AtomicInteger stops = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new ConcurrentStages(2).run(schedule(), Set.of(), (stage, stop) -> {
            ran.add(stage.name());
            if (stage.name().equals("b")) {
                sleep(50);
                throw new StageshException("line 2: RUN: the command exited with code 3");
            }
            while (!stop.getAsBoolean()) { // a long step, until it is stopped
                sleep(10);
            }
            throw new StepCancelledException("stopped");
        }, runs::get, stops::incrementAndGet))
                .isInstanceOf(StageFailedException.class)
                .hasMessage("stage 1 (b): line 2: RUN: the command exited with code 3")
                .satisfies(e -> assertThat(((StageFailedException) e).stageIndex()).isEqualTo(1));
        assertThat(stops.get()).isEqualTo(1);
        // a and b ran side by side; after b failed neither c nor d (a's follower) started
        assertThat(ran).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aStageStoppedBecauseTheStepItSharedFailedYieldsToTheStageWhereItFailed() {
        // a waits for b's step and ends first; b's own failure, which comes after, is the one told
        java.util.concurrent.CountDownLatch bFailing = new java.util.concurrent.CountDownLatch(1);
        assertThatThrownBy(() -> new ConcurrentStages(2).run(schedule(), Set.of(), (stage, stop) -> {
            if (stage.name().equals("a")) {
                bFailing.countDown();
                throw new SharedStepFailedException("stage 1 (b) step 2");
            }
            if (stage.name().equals("b")) {
                await(bFailing);
                sleep(100);
                throw new StageshException("line 4: RUN: the command exited with code 1");
            }
        }, runs::get, () -> { }))
                .isInstanceOf(StageFailedException.class)
                .hasMessage("stage 1 (b): line 4: RUN: the command exited with code 1");
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
