package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActiveStepsTest {
    @Test
    void cancelStopsTheRunningStepsAndIsReportedOnce() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        ActiveSteps active = new ActiveSteps(engine);
        assertThat(active.cancel()).isFalse();
        active.started("c1");
        active.started("c2");
        active.finished("c2");

        assertThat(active.cancel()).isTrue();
        assertThat(engine.calls).containsExactly("stop c1");
        assertThat(active.takeCancelled()).isTrue();
        assertThat(active.takeCancelled()).isFalse();
    }

    @Test
    void aCancelOfStepsOnTwoThreadsIsReportedToEachThreadOfItsOwnStep() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        ActiveSteps active = new ActiveSteps(engine);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Boolean> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Runnable step = () -> {
            String id = "c-" + Thread.currentThread().getName();
            active.started(id);
            started.countDown();
            try {
                cancelled.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            active.finished(id);
            seen.add(active.takeCancelled());
        };
        Thread a = new Thread(step, "a");
        Thread b = new Thread(step, "b");
        a.start();
        b.start();
        started.await();
        assertThat(active.cancel()).isTrue();
        cancelled.countDown();
        a.join();
        b.join();
        // both steps were stopped and each thread learns it, where one flag would tell only the first
        assertThat(engine.calls).containsExactlyInAnyOrder("stop c-a", "stop c-b");
        assertThat(seen).containsExactly(true, true);
        assertThat(active.takeCancelled()).isFalse(); // this thread ran no step
    }

    @Test
    void aCancelWhileTheStepIsBeingPreparedKeepsItsContainerFromStarting() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        ActiveSteps active = new ActiveSteps(engine);
        try (ActiveSteps.Begun begun = active.begin()) {
            // Ctrl-C while the mounts are prepared or the container is created: nothing runs yet
            assertThat(active.cancel()).isTrue();
            assertThat(engine.calls).isEmpty();
            assertThat(active.started("c1")).as("the container may not start").isFalse();
        }
        assertThat(active.takeCancelled()).isTrue();
        // the next step of the thread is not cancelled by the old Ctrl-C
        try (ActiveSteps.Begun begun = active.begin()) {
            assertThat(active.started("c2")).isTrue();
            active.finished("c2");
        }
        assertThat(active.takeCancelled()).isFalse();
        assertThat(active.cancel()).as("nothing begun or running").isFalse();
    }

    @Test
    void aCancelOfAStepThatFailedBeforeItsContainerIsForgotten() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        ActiveSteps active = new ActiveSteps(engine);
        try (ActiveSteps.Begun begun = active.begin()) {
            assertThat(active.cancel()).isTrue();
            // the step ends here with an error of its own, its container never made
        }
        assertThat(active.takeCancelled()).isFalse();
    }

    @Test
    void aStepCancelledAfterItsContainerStartedIsStoppedAsBefore() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        ActiveSteps active = new ActiveSteps(engine);
        try (ActiveSteps.Begun begun = active.begin()) {
            assertThat(active.started("c1")).isTrue();
            assertThat(active.cancel()).isTrue();
            active.finished("c1");
        }
        assertThat(engine.calls).containsExactly("stop c1");
        assertThat(active.takeCancelled()).isTrue();
    }
}
