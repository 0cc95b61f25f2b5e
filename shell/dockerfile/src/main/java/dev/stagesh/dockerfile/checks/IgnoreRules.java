package dev.stagesh.dockerfile.checks;

import java.util.List;

/**
 * The build context's {@code .dockerignore}, for CopyIgnoredFile. The shell module implements it with its own
 * {@code .dockerignore} reader, so the language module needs no file system.
 */
public interface IgnoreRules {
    /** The patterns, as written ({@code !} kept on exclusions); an empty list means no {@code .dockerignore}. */
    List<String> patterns();

    /** True when any pattern starts with {@code !}: then BuildKit checks nothing. */
    boolean hasExclusions();

    /** Whether {@code path} (clean, relative, '/'-separated) or one of its parent directories is excluded. */
    boolean matchesOrParentMatches(String path);
}
