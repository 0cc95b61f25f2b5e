package dev.stagesh.context;

import dev.stagesh.dockerfile.GoPaths;

/**
 * Slash-separated path helpers with the semantics of Go's {@code path.Clean}, because docker normalises
 * ignore patterns and COPY paths that way and our results must agree with it byte for byte.
 */
final class GoPath {
    private GoPath() {
    }

    /** Lexical clean: collapses separators, drops "." elements, resolves ".." against earlier elements. */
    static String clean(String path) {
        return GoPaths.clean(path);
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
    static boolean isWithin(String path, String dir) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }

    /** {@code path} relative to its ancestor {@code dir}; "" when they are equal. */
    static String relativize(String dir, String path) {
        if (dir.isEmpty()) {
            return path;
        }
        return path.equals(dir) ? "" : path.substring(dir.length() + 1);
    }

    /**
     * Compares slash paths element by element, so that a directory sorts right before its contents
     * ("a", "a/b", "a.txt") — the order tar extraction needs and the order Go's filepath.Walk produces.
     */
    static int compare(String a, String b) {
        int i = 0;
        int n = Math.min(a.length(), b.length());
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == a.length() || i == b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        char ca = a.charAt(i);
        char cb = b.charAt(i);
        if (ca == '/') {
            return -1;
        }
        if (cb == '/') {
            return 1;
        }
        return Character.compare(ca, cb);
    }
}
