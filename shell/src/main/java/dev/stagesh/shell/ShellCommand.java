package dev.stagesh.shell;

import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.Toolbox;
import dev.stagesh.fs.FsException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "shell", description = "An interactive shell in a throwaway container of the current snapshot, "
        + "which stays unchanged. Works in scratch and distroless stages: a static busybox is brought in.")
final class ShellCommand extends SessionCommand {
    @Override
    int execute() throws Exception {
        if (System.console() == null) {
            printer().error("shell: needs a terminal (in scripts, use exec)");
            return 1;
        }
        Snapshot snap = session().snapshot();
        String container = session().scratchContainer();
        try {
            session().startScratchContainer(container);
            List<String> argv = new ArrayList<>(List.of("docker", "exec", "-it"));
            String workdir = snap.config().workingDir();
            argv.addAll(List.of("-w", workdir.isEmpty() ? "/" : workdir));
            if (!snap.config().user().isEmpty()) {
                argv.addAll(List.of("-u", snap.config().user()));
            }
            argv.add(container);
            if (hasShell()) {
                argv.add("/bin/sh");
            } else {
                // no shell in the image: busybox's, with its applets, and the image's own PATH after them
                printer().progress("no /bin/sh in this snapshot: using stagesh's busybox (its applets come first in PATH)");
                argv.addAll(Toolbox.busybox("env", "PATH=" + Toolbox.MOUNT + ":" + path(snap), Toolbox.BUSYBOX, "sh"));
            }
            int code = new ProcessBuilder(argv).inheritIO().start().waitFor();
            return code == 0 || code == 130 ? 0 : code;
        } finally {
            session().discardScratchContainer(container);
        }
    }

    private boolean hasShell() {
        try {
            session().files().follow("/bin/sh");
            return true;
        } catch (FsException e) {
            return false;
        }
    }

    private static String path(Snapshot snap) {
        return snap.config().envMap().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
