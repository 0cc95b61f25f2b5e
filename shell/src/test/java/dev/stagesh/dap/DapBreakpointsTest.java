package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.StageGraph;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DapBreakpointsTest {
    private static final String TEXT = "FROM busybox\nARG V\nRUN echo $V\nCOPY a /a\nRUN echo two\n";

    private static StepTable table(String text) {
        Dockerfile d = Dockerfile.parse(text, "Dockerfile");
        return StepTable.of(d, new StageGraph(d).required(d.lastStage()));
    }

    private static DapBreakpoints.StepAt at(int step, String keyword) {
        return new DapBreakpoints.StepAt(0, step, keyword);
    }

    @Test
    void lineBreakpointsArePlacedAtOnceWithTheirIds() {
        DapBreakpoints b = new DapBreakpoints();
        var placed = b.setLines(List.of(DapBreakpoints.Request.atLine(3, null, null),
                DapBreakpoints.Request.atLine(9, null, null),
                DapBreakpoints.Request.atLine(4, "V ==", null)), table(TEXT));
        assertThat(placed).extracting(DapBreakpoints.Placed::verified, DapBreakpoints.Placed::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 3), org.assertj.core.groups.Tuple.tuple(false, 9),
                        org.assertj.core.groups.Tuple.tuple(false, 4));
        assertThat(placed.get(2).message()).contains("column");
        assertThat(placed).extracting(DapBreakpoints.Placed::id).doesNotHaveDuplicates();
        assertThat(b.check(at(3, "RUN"), Map::of)).contains(placed.get(0).id());
        assertThat(b.check(at(4, "COPY"), Map::of)).isEmpty();
    }

    @Test
    void conditionsReadTheStepsVariablesOnlyWhenThereIsOne() {
        DapBreakpoints b = new DapBreakpoints();
        b.setLines(List.of(DapBreakpoints.Request.atLine(3, "V == \"x\"", null)), table(TEXT));
        AtomicInteger asked = new AtomicInteger();
        assertThat(b.check(at(3, "RUN"), () -> {
            asked.incrementAndGet();
            return Map.of("V", "y");
        })).isEmpty();
        assertThat(b.check(at(3, "RUN"), () -> Map.of("V", "x"))).isPresent();
        assertThat(asked).hasValue(1);
        b.setLines(List.of(DapBreakpoints.Request.atLine(3, null, null)), table(TEXT));
        assertThat(b.check(at(3, "RUN"), () -> {
            throw new AssertionError("no condition: no variables needed");
        })).isPresent();
    }

    @Test
    void functionBreakpointsNameInstructionsAndCountHitsOnlyWhenTheirConditionHolds() {
        DapBreakpoints b = new DapBreakpoints();
        var placed = b.setFunctions(List.of(DapBreakpoints.Request.onInstruction("run", "V", "2"),
                DapBreakpoints.Request.onInstruction("BUILD", null, null)));
        assertThat(placed).extracting(DapBreakpoints.Placed::verified).containsExactly(true, false);
        assertThat(placed.get(1).message()).contains("not a Dockerfile instruction");
        assertThat(b.check(at(3, "RUN"), Map::of)).isEmpty(); // V empty: condition false, no hit
        assertThat(b.check(at(3, "RUN"), () -> Map.of("V", "1"))).isEmpty(); // hit 1
        assertThat(b.check(at(4, "COPY"), () -> Map.of("V", "1"))).isEmpty();
        assertThat(b.check(at(5, "RUN"), () -> Map.of("V", "1"))).contains(placed.get(0).id()); // hit 2
        assertThat(b.isFunction(placed.get(0).id())).isTrue();
    }

    @Test
    void peekingGoingBackCountsNoHit() {
        DapBreakpoints b = new DapBreakpoints();
        var placed = b.setLines(List.of(DapBreakpoints.Request.atLine(3, null, "2")), table(TEXT));
        assertThat(b.peek(at(3, "RUN"), Map::of)).contains(placed.get(0).id());
        assertThat(b.check(at(3, "RUN"), Map::of)).isEmpty();
        assertThat(b.check(at(3, "RUN"), Map::of)).contains(placed.get(0).id());
    }

    @Test
    void aReloadPlacesTheSameBreakpointsAgainOnTheNewTable() {
        DapBreakpoints b = new DapBreakpoints();
        var placed = b.setLines(List.of(DapBreakpoints.Request.atLine(5, null, null)), table(TEXT));
        assertThat(placed.get(0).line()).isEqualTo(5);
        var again = b.place(table("FROM busybox\nARG V\nRUN echo $V\n"));
        assertThat(again).extracting(DapBreakpoints.Placed::id).containsExactly(placed.get(0).id());
        assertThat(again.get(0).verified()).isFalse();
        assertThat(b.check(at(5, "RUN"), Map::of)).isEqualTo(Optional.empty());
    }
}
