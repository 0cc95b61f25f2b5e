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
}
