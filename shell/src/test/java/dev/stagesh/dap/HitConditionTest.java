package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HitConditionTest {
    private static int[] stops(String hitCondition) {
        HitCondition h = HitCondition.parse(hitCondition);
        return IntStream.rangeClosed(1, 7).filter(h::stopsAt).toArray();
    }

    @Test
    void eachFormStopsAtItsHits() {
        assertThat(stops("")).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(stops("3")).containsExactly(3);
        assertThat(stops("== 3")).containsExactly(3);
        assertThat(stops(">=5")).containsExactly(5, 6, 7);
        assertThat(stops("> 5")).containsExactly(6, 7);
        assertThat(stops("<3")).containsExactly(1, 2);
        assertThat(stops("<= 2")).containsExactly(1, 2);
        assertThat(stops("%3")).containsExactly(3, 6);
    }

    @Test
    void badHitCountsAreRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> HitCondition.parse("often")).isInstanceOf(ConditionException.class)
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> HitCondition.parse("%0")).isInstanceOf(ConditionException.class)
                .hasMessageContaining("positive");
    }
}
