package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.StageGraph;
import org.junit.jupiter.api.Test;

class StepTableTest {
    static final String TEXT = """
            ARG VERSION=1.2
            FROM busybox
            RUN echo one \\
                two
            # a comment

            FROM busybox AS unused
            RUN true

            FROM busybox
            COPY --from=0 /a /a
            """;

    private static StepTable table() {
        Dockerfile d = Dockerfile.parse(TEXT, "Dockerfile");
        return StepTable.of(d, new StageGraph(d).required(d.stage("2")));
    }

    @Test
    void oneThreadPerNeededStageAndIdenticalFromLinesAreStepsOfTheirOwn() {
        StepTable t = table();
        assertThat(t.threads()).extracting(StepTable.StageThread::id, StepTable.StageThread::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "stage 0"), org.assertj.core.groups.Tuple.tuple(3, "stage 2"));
        assertThat(t.threads().get(0).steps().get(0).startLine()).isEqualTo(2);
        assertThat(t.threads().get(1).steps().get(0).startLine()).isEqualTo(10);
        assertThat(t.threads().get(0).steps().get(1)).extracting(StepTable.StepLine::step, StepTable.StepLine::keyword,
                StepTable.StepLine::startLine, StepTable.StepLine::endLine).containsExactly(2, "RUN", 3, 4);
    }

    @Test
    void aLineLandsOnTheStepThatCoversItOrTheNextOne() {
        StepTable t = table();
        assertThat(t.place(4)).isInstanceOfSatisfying(StepTable.Placement.AtStep.class,
                at -> assertThat(at.step().startLine()).isEqualTo(3));
        assertThat(t.place(5)).isInstanceOfSatisfying(StepTable.Placement.Nowhere.class,
                n -> assertThat(n.reason()).contains("stage 1 (unused)"));
        assertThat(t.place(9)).isInstanceOfSatisfying(StepTable.Placement.AtStep.class,
                at -> assertThat(at.thread().id()).isEqualTo(3));
        assertThat(t.place(1)).isInstanceOfSatisfying(StepTable.Placement.AtStep.class,
                at -> assertThat(at.step().startLine()).isEqualTo(2));
    }

    @Test
    void linesOfUnneededStagesAndPastTheEndAreNowhere() {
        StepTable t = table();
        assertThat(t.place(8)).isInstanceOfSatisfying(StepTable.Placement.Nowhere.class,
                n -> assertThat(n.reason()).contains("stage 1 (unused)").contains("does not need"));
        assertThat(t.place(12)).isInstanceOfSatisfying(StepTable.Placement.Nowhere.class,
                n -> assertThat(n.reason()).contains("no step at or after line 12"));
    }
}
