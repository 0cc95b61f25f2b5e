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

    /**
     * About how many bytes the tar stream has (a header block per entry, contents padded to
     * blocks, the end marker), so a progress display can say how far it got; long names add a
     * little that is not counted.
     */
    public long tarBytes() {
        long blocks = 2;
        for (TarPlanEntry e : entries) {
            blocks += 1 + (e.size() + 511) / 512;
        }
        return blocks * 512;
    }

    /** Writes the tar to {@code out} (left open); the entries extract at '/' of the container. */
    public void writeTo(OutputStream out) {
        new TarWriter().write(this, out);
    }
}
