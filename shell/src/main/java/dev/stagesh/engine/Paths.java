package dev.stagesh.engine;

import dev.stagesh.fs.FsPaths;

/**
 * Path arithmetic inside an image, which is always POSIX whatever the host is. Unlike
 * {@link FsPaths}'s parent and name, which take a normalized path, these take any path a
 * Dockerfile or an engine gives (relative, "..", a trailing slash) and normalize it first.
 */
final class Paths {
    private Paths() {}

    /** {@code path} made absolute against {@code workdir} and cleaned, as WORKDIR and COPY do. */
    static String resolve(String workdir, String path) {
        return FsPaths.resolve(workdir, path);
    }

    static String parent(String path) {
        return FsPaths.parent(FsPaths.normalize(path));
    }

    static String baseName(String path) {
        return FsPaths.name(FsPaths.normalize(path));
    }
}
