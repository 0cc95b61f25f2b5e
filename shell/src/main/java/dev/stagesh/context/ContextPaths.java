package dev.stagesh.context;

import dev.stagesh.dockerfile.GoPaths;
import dev.stagesh.fs.FsPaths;

/**
 * Paths of the build context: relative, slash-separated, already cleaned ({@link GoPaths#clean}, which is
 * how docker names them), with "" for the context's root. Ordered as {@link FsPaths#PATH_ORDER} orders
 * snapshot paths, element by element: one order for tar extraction and Go's filepath.Walk alike.
 */
public final class ContextPaths {
    private ContextPaths() {
    }

    /**
     * A cleaned relative path as a context path: "" for ".", and null when it climbs out of the context
     * ("..", "../x"), which docker refuses. Each caller says what a path outside means (an error, no
     * match, nothing to list).
     */
    public static String inContext(String cleaned) {
        if (cleaned.equals("..") || cleaned.startsWith("../")) {
            return null;
        }
        return cleaned.equals(".") ? "" : cleaned;
    }

    /** Last element of a cleaned path ("" for the root). */
    static String base(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Parent of a cleaned relative path, "" when it has none. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Joins relative pieces, skipping empty ones. */
    static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.endsWith("/") ? a + b : a + "/" + b;
    }

    /** True when {@code path} is {@code dir} itself or lies below it (both relative, cleaned, "" = root). */
    public static boolean isWithin(String path, String dir) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }

    /** {@code path} relative to its ancestor {@code dir}; "" when they are equal. */
    static String relativize(String dir, String path) {
        if (dir.isEmpty()) {
            return path;
        }
        return path.equals(dir) ? "" : path.substring(dir.length() + 1);
    }
}
