package dev.stagesh.fs;

import dev.stagesh.dockerfile.GoPaths;
import java.util.Comparator;

/** Lexical path arithmetic for snapshot paths; never touches the host filesystem. */
public final class FsPaths {

    /**
     * Byte order of the UTF-8 names, which is how {@code LC_ALL=C ls} sorts. Comparing code points
     * gives the same order (String.compareTo, on UTF-16 units, would misplace characters beyond U+FFFF).
     */
    public static final Comparator<String> C_ORDER = FsPaths::compareCodePoints;

    /**
     * Orders paths component by component, so a directory is directly followed by its contents
     * ({@code /a}, {@code /a/b}, {@code /a-b}), the way a tree reads; plain string order would put
     * {@code /a-b} between {@code /a} and {@code /a/b}.
     */
    public static final Comparator<String> PATH_ORDER = FsPaths::comparePaths;

    private FsPaths() {
    }

    /**
     * Makes {@code path} absolute and canonical in form: no empty or {@code .} components, {@code ..}
     * applied lexically and stopping at the root, no trailing slash. Relative paths are taken from
     * {@code /}. Lexical {@code ..} is right for tar names; following symlinks is {@link PathResolver}'s job.
     */
    public static String normalize(String path) {
        // Go's path.Clean from the root ({@link GoPaths}), which is the contract above
        return isCanonical(path) ? path : GoPaths.clean("/" + path);
    }

    /**
     * {@code path} made absolute against the directory {@code dir} (the root when null or empty) and
     * normalized, as WORKDIR and a COPY's destination are: ".." stops at the root.
     */
    public static String resolve(String dir, String path) {
        String base = dir == null || dir.isEmpty() ? "/" : dir;
        return normalize(path.startsWith("/") ? path : base + "/" + path);
    }

    /** Fast path: most paths we see (every tar entry) are already canonical. */
    private static boolean isCanonical(String path) {
        if (path.equals("/")) {
            return true;
        }
        if (!path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int len = end - start;
            if (len == 0
                    || (len == 1 && path.charAt(start) == '.')
                    || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** Last component of a normalized path; {@code /} for the root. */
    public static String name(String path) {
        if (path.equals("/")) {
            return "/";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Parent of a normalized path; the root is its own parent, as {@code /..} is {@code /}. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Joins a normalized directory path and one child name. */
    public static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /** Whether {@code path} is {@code ancestor} or lies beneath it (both normalized). */
    public static boolean isWithin(String path, String ancestor) {
        if (ancestor.equals("/") || path.equals(ancestor)) {
            return true;
        }
        return path.startsWith(ancestor) && path.length() > ancestor.length()
                && path.charAt(ancestor.length()) == '/';
    }

    /**
     * Where a tar entry named {@code tarName} lands when the tar's root is {@code parentPath}. Tar
     * names are relative, sometimes with {@code ./} or a stray leading slash, directories with a trailing slash.
     */
    public static String fromTarName(String parentPath, String tarName) {
        String parent = normalize(parentPath);
        String rel = tarName;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return normalize(parent.equals("/") ? "/" + rel : parent + "/" + rel);
    }

    /** The inverse of {@link #fromTarName}: the relative tar name of {@code path}, or "." for the tar root. */
    public static String toTarName(String parentPath, String path) {
        String parent = normalize(parentPath);
        String abs = normalize(path);
        if (!isWithin(abs, parent)) {
            throw new IllegalArgumentException(abs + " is not under " + parent);
        }
        if (abs.equals(parent)) {
            return ".";
        }
        return parent.equals("/") ? abs.substring(1) : abs.substring(parent.length() + 1);
    }

    static int compareCodePoints(String a, String b) {
        // UTF-16 order is code point order except where a surrogate meets a char above them, so
        // chars are compared as they are and only such a difference is looked at as code points
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char x = a.charAt(k);
            char y = b.charAt(k);
            if (x != y) {
                if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
                    return Integer.compare(x, y);
                }
                int at = k > 0 && Character.isHighSurrogate(a.charAt(k - 1)) ? k - 1 : k;
                return Integer.compare(a.codePointAt(at), b.codePointAt(at));
            }
        }
        return Integer.compare(a.length(), b.length());
    }


    static int comparePaths(String a, String b) {
        // component by component is character by character with the separator below every other
        // character (a shorter component is a prefix of the longer one); no substrings: a diff
        // sorts thousands of paths
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char x = a.charAt(k);
            char y = b.charAt(k);
            if (x != y) {
                if (x == '/') {
                    return -1;
                }
                if (y == '/') {
                    return 1;
                }
                if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
                    return Integer.compare(x, y);
                }
                int at = k > 0 && Character.isHighSurrogate(a.charAt(k - 1)) ? k - 1 : k;
                return Integer.compare(a.codePointAt(at), b.codePointAt(at));
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
