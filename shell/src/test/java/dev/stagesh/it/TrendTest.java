package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The leak judge of the soak tests is itself checked: it sees a small steady growth through noise and outliers. */
class TrendTest {
    @Test
    void aSteadyGrowthIsSeenThroughNoiseAndAnOutlier() {
        Trend t = new Trend();
        java.util.Random r = new java.util.Random(7);
        for (int x = 0; x < 20; x++) {
            t.add(x * 5, 80_000 + 15 * x * 5 + r.nextGaussian() * 40);
        }
        t.add(105, 90_000); // one late GC
        assertThat(t.slope()).isCloseTo(15.0, within(3.0));
    }

    @Test
    void filesOpenedOnceLateAreASmallGrowthAndALeakEveryThirdSessionALargerOne() {
        // open files over sessions 4..12 of a SoakIT run: two more from session 9 on, then flat
        Trend once = new Trend();
        int[] files = {63, 63, 63, 63, 63, 65, 65, 65, 65};
        for (int i = 0; i < files.length; i++) {
            once.add(4 + i, files[i]);
        }
        assertThat(once.steadySlope()).isZero();
        assertThat(once.growth()).isEqualTo(2.0);
        // one file leaked every third session: the median step is still 0, the growth is not small
        Trend leak = new Trend();
        for (int i = 0; i < 9; i++) {
            leak.add(4 + i, 63 + (i + 1) / 3);
        }
        assertThat(leak.steadySlope()).isZero();
        assertThat(leak.growth()).isEqualTo(3.0);
    }

    @Test
    void aFlatSeriesHasNoSlope() {
        Trend t = new Trend();
        for (int x = 0; x < 10; x++) {
            t.add(x, x % 2 == 0 ? 12 : 13);
        }
        assertThat(t.slope()).isCloseTo(0.0, within(0.2));
    }

    @Test
    void aOneOffStepIsNoSteadyGrowthButASteadyOneIs() {
        // live heap KiB over sessions 4..12 of a SoakIT run: flat, one step of 36 KiB, flat again
        Trend once = new Trend();
        long[] heap = {17559, 17554, 17554, 17555, 17591, 17594, 17595, 17593, 17595};
        for (int i = 0; i < heap.length; i++) {
            once.add(4 + i, heap[i]);
        }
        assertThat(once.slope()).isGreaterThan(2.0);
        assertThat(once.steadySlope()).isLessThan(2.0);

        Trend leak = new Trend();
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 9; i++) {
            leak.add(4 + i, 17_500 + 15 * i + r.nextGaussian() * 2);
        }
        assertThat(leak.steadySlope()).isCloseTo(15.0, within(3.0));
    }
}
