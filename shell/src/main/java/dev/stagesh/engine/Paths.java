package dev.stagesh.engine;

import dev.stagesh.dockerfile.GoPaths;

/** Path arithmetic inside an image, which is always POSIX whatever the host is. */
final class Paths {
    private Paths() {}

    /** {@code path} made absolute against {@code workdir} and cleaned, as WORKDIR and COPY do. */
    static String resolve(String workdir, String path) {
        String base = workdir == null || workdir.isEmpty() ? "/" : workdir;
        return clean(path.startsWith("/") ? path : base + "/" + path);
    }

    /**
     * Go's path.Clean ({@link GoPaths}) of the path taken from the root: no ".", "..", or doubled
     * slashes, ".." stopping at "/", and "/" stays "/".
     */
    static String clean(String path) {
        return GoPaths.clean("/" + path);
    }

    static String parent(String path) {
        String c = clean(path);
        int i = c.lastIndexOf('/');
        return i <= 0 ? "/" : c.substring(0, i);
    }

    static String baseName(String path) {
        String c = clean(path);
        return c.equals("/") ? "/" : c.substring(c.lastIndexOf('/') + 1);
    }
}
