package dev.stagesh.shell;

/**
 * Paths typed at the prompt are relative to the snapshot's WORKDIR, as in a shell inside it. Unlike
 * {@link dev.stagesh.fs.FsPaths#resolve}, the result is joined and not cleaned: {@code link/..} is the
 * parent of the link's target, which only the walk through the snapshot ({@link dev.stagesh.fs.PathResolver})
 * can tell, so "." and ".." are left to it.
 */
final class Paths {
    private Paths() {}

    static String absolute(String workdir, String typed) {
        if (typed.startsWith("/")) {
            return typed;
        }
        String base = workdir == null || workdir.isEmpty() ? "/" : workdir;
        return (base.endsWith("/") ? base : base + "/") + typed;
    }
}
