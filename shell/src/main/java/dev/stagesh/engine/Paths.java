package dev.stagesh.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic inside an image, which is always POSIX whatever the host is. */
final class Paths {
    private Paths() {}

    /** {@code path} made absolute against {@code workdir} and cleaned, as WORKDIR and COPY do. */
    static String resolve(String workdir, String path) {
        String base = workdir == null || workdir.isEmpty() ? "/" : workdir;
        return clean(path.startsWith("/") ? path : base + "/" + path);
    }

    /** Go's path.Clean for absolute paths: no ".", "..", or doubled slashes; "/" stays "/". */
    static String clean(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
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
