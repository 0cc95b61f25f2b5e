package dev.stagesh.dockerfile.checks;

import java.util.List;
import java.util.Objects;

/**
 * One warning of a build check.
 *
 * @param rule   the rule that fired
 * @param detail the message, formatted as BuildKit formats it
 * @param ranges where: BuildKit gives one range per line of the instruction
 */
public record Finding(Rule rule, String detail, List<LineRange> ranges) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
        ranges = List.copyOf(ranges);
    }

    /** The first line the finding points at, or 0 when it has no location. */
    public int line() {
        return ranges.stream().mapToInt(LineRange::start).min().orElse(0);
    }

    /** The last line the finding points at, or 0. */
    public int endLine() {
        return ranges.stream().mapToInt(r -> Math.max(r.start(), r.end())).max().orElse(0);
    }

    public boolean touches(int startLine, int endLine) {
        return ranges.stream().anyMatch(r -> r.start() <= endLine && Math.max(r.start(), r.end()) >= startLine);
    }
}
