package dev.stagesh.dockerfile;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path.Clean}: the shortest equivalent of a slash-separated path. Docker normalises
 * ignore patterns, COPY paths and WORKDIRs this way, so every part of stagesh that must agree
 * with it byte for byte (the build checks, the build context) cleans paths here.
 */
public final class GoPaths {
    private GoPaths() {
    }

    /** Lexical clean: collapses separators, drops "." elements, resolves ".." against earlier ones. */
    public static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
