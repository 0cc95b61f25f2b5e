package dev.stagesh.context;

import java.util.List;

/**
 * The result of resolving the sources of one COPY/ADD against the context: one {@link CopySource} per file
 * or directory copied (a wildcard contributes one per match), in Dockerfile order.
 *
 * @param sources  the resolved sources
 * @param wildcard whether any of the written sources was a wildcard
 */
public record CopySources(List<CopySource> sources, boolean wildcard) {
    public CopySources {
        sources = List.copyOf(sources);
    }

    /** How many things are copied; docker requires a directory destination when this exceeds one. */
    public int count() {
        return sources.size();
    }
}
