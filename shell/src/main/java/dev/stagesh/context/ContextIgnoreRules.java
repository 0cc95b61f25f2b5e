package dev.stagesh.context;

import dev.stagesh.dockerfile.checks.IgnoreRules;

import java.util.List;

/** The build context's {@code .dockerignore}, as the CopyIgnoredFile check asks about it. */
public final class ContextIgnoreRules implements IgnoreRules {
    private final DockerIgnore ignore;

    public ContextIgnoreRules(DockerIgnore ignore) {
        this.ignore = ignore;
    }

    @Override
    public List<String> patterns() {
        return ignore.patterns().stream()
                .map(p -> p.exception() ? "!" + p.pattern() : p.pattern()).toList();
    }

    @Override
    public boolean hasExclusions() {
        return ignore.patterns().stream().anyMatch(IgnorePattern::exception);
    }

    /** Without exclusions, excluded means "a pattern matches the path or one of its parents", as BuildKit asks. */
    @Override
    public boolean matchesOrParentMatches(String path) {
        if (path.equals(".") || path.equals("/")) {
            // the context root: every entry in it is excluded by the wildcard patterns the check looks for
            return !ignore.patterns().isEmpty();
        }
        return ignore.excluded(path.startsWith("/") ? path.substring(1) : path);
    }
}
