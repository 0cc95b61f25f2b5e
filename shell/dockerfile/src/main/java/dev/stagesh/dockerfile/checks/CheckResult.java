package dev.stagesh.dockerfile.checks;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking one Dockerfile: the warnings in the order BuildKit reports them, and the error it would
 * stop with, if any.
 */
public record CheckResult(List<Finding> warnings, Optional<BuildError> buildError) {
    public CheckResult {
        warnings = List.copyOf(warnings);
        buildError = buildError == null ? Optional.empty() : buildError;
    }

    /** What {@code docker build --check} exits with: 1 when there are warnings or an error, else 0. */
    public int exitCode() {
        return warnings.isEmpty() && buildError.isEmpty() ? 0 : 1;
    }

    /** The warnings of the instruction spanning lines {@code startLine..endLine} (e.g. the step a debugger is at). */
    public List<Finding> forInstruction(int startLine, int endLine) {
        return warnings.stream().filter(f -> f.line() >= startLine && f.line() <= Math.max(startLine, endLine))
                .toList();
    }

    /** The warnings that point at {@code line}. */
    public List<Finding> atLine(int line) {
        return warnings.stream().filter(f -> f.touches(line, line)).toList();
    }

    /** The warnings in the order {@code docker build --check} prints them: by first line, stable. */
    public List<Finding> sortedByLine() {
        return warnings.stream().sorted(java.util.Comparator.comparingInt(Finding::line)).toList();
    }
}
