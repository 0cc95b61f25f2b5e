package dev.stagesh.context;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies COPY {@code --exclude} patterns to one source. They use .dockerignore syntax and are matched against
 * paths relative to the copied directory (a file source is matched by its name), with the same
 * "a re-included file brings its directories along" behaviour as the context walk.
 */
final class ExcludeFilter {
    private final DockerIgnore excludes;

    ExcludeFilter(List<String> patterns) {
        this.excludes = DockerIgnore.ofPatterns(patterns, "--exclude");
    }

    boolean isEmpty() {
        return excludes.isEmpty();
    }

    /** Whether a file source is left out. */
    boolean excludesFile(CopySource source) {
        return !excludes.isEmpty() && excludes.excluded(ContextPaths.base(source.path()));
    }

    /** The contents of a directory source that survive the patterns, in the same order. */
    List<ContextEntry> contents(CopySource source) {
        if (excludes.isEmpty()) {
            return source.contents();
        }
        List<ContextEntry> out = new ArrayList<>();
        Map<String, DockerIgnore.MatchState> dirStates = new HashMap<>();
        Deque<ContextEntry> pending = new ArrayDeque<>(); // excluded directories above the current entry
        for (ContextEntry e : source.contents()) {
            String rel = source.relativeName(e);
            while (!pending.isEmpty() && !rel.startsWith(source.relativeName(pending.peekLast()) + "/")) {
                pending.removeLast();
            }
            DockerIgnore.MatchState parent = dirStates.getOrDefault(ContextPaths.parent(rel), DockerIgnore.MatchState.ROOT);
            DockerIgnore.MatchState state = excludes.state(rel, parent);
            if (e.isDirectory()) {
                dirStates.put(rel, state);
            }
            if (!state.excluded()) {
                out.addAll(pending);
                pending.clear();
                out.add(e);
            } else if (e.isDirectory()) {
                pending.addLast(e);
            }
        }
        return out;
    }
}
