package dev.stagesh.shell;

/** Paths typed at the prompt are relative to the snapshot's WORKDIR, as in a shell inside it. */
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
