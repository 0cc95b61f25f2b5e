package dev.stagesh.dockerfile.checks;

import java.util.List;
import java.util.Objects;

/**
 * What BuildKit would stop with while checking (a blank base name, a failed expansion, a lint violation under
 * {@code error=true}); {@code ranges} is empty when the error has no place in the file.
 */
public record BuildError(String message, List<LineRange> ranges) {
    public BuildError {
        Objects.requireNonNull(message, "message");
        ranges = List.copyOf(ranges);
    }

    public int line() {
        return ranges.stream().mapToInt(LineRange::start).min().orElse(0);
    }
}
