package dev.stagesh.shell;

/** What reload and edit tell the user about what was kept. */
final class Reloads {
    private Reloads() {}

    static int reportAndRewind(ShellContext context) {
        var session = context.session();
        var kept = session.reload();
        int here = kept.getOrDefault(session.current().stage().index(), 0);
        context.printer().progress("reloaded " + session.dockerfile().fileName() + ": " + session.current().label()
                + " keeps " + here + " of " + session.current().total() + " steps");
        return here;
    }
}
