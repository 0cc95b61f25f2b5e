package dev.stagesh.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.parser.GoText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's renderings BuildKit's history text is made of: Duration.String and %q of an integer. */
class GoFormatTest {
    @Test
    void durationsAsGoWritesThem() {
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofNanos(999))).isEqualTo("999ns");
        assertThat(GoDuration.format(Duration.ofNanos(1_500))).isEqualTo("1.5\u00b5s");
        assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoDuration.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(GoDuration.format(Duration.ofMillis(2_250))).isEqualTo("2.25s");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(Duration.ofSeconds(-61))).isEqualTo("-1m1s");
        // every string Go writes parses back to the same duration
        for (long n : new long[] {1, 1_001, 123_456_789, 59_999_999_999L, 3_723_000_000_001L}) {
            assertThat(GoDuration.parse(GoDuration.format(Duration.ofNanos(n)))).isEqualTo(Duration.ofNanos(n));
        }
    }

    @Test
    void anIntegerQuotedAsARune() {
        assertThat(GoText.quoteRune(3)).isEqualTo("'\\x03'");
        assertThat(GoText.quoteRune(0)).isEqualTo("'\\x00'");
        assertThat(GoText.quoteRune(10)).isEqualTo("'\\n'");
        assertThat(GoText.quoteRune(65)).isEqualTo("'A'");
        assertThat(GoText.quoteRune('\'')).isEqualTo("'\\''");
        assertThat(GoText.quoteRune('"')).isEqualTo("'\"'");
        assertThat(GoText.quoteRune(0x7f)).isEqualTo("'\\x7f'");
        assertThat(GoText.quoteRune(0x2028)).isEqualTo("'\\u2028'");
        assertThat(GoText.quoteRune(-1)).isEqualTo("'\uFFFD'");
    }
}
