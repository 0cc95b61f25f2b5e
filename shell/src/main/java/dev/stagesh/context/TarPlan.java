package dev.stagesh.context;

import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Everything one COPY puts into the container, in extraction order (a directory before its contents).
 * Inspect it in tests or in the debugger's preview; {@link #writeTo} streams it as a tar.
 */
public record TarPlan(String destination, List<TarPlanEntry> entries) {
    public TarPlan {
        entries = List.copyOf(entries);
    }

    public Optional<TarPlanEntry> entry(String tarPath) {
        return entries.stream().filter(e -> e.tarPath().equals(tarPath)).findFirst();
    }

    /** Total file bytes, for progress display. */
    public long contentBytes() {
        return entries.stream().mapToLong(TarPlanEntry::size).sum();
    }

    /** Writes the tar to {@code out} (left open); the entries extract at '/' of the container. */
    public void writeTo(OutputStream out) {
        new TarWriter().write(this, out);
    }
}
