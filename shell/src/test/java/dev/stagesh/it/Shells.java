package dev.stagesh.it;

import java.util.Map;

/** The shells the completion tests drive: zsh comes from Debian when the machine has none. */
final class Shells {
    private Shells() {}

    static void requireZsh() {
        if (DockerCli.has("zsh")) {
            return;
        }
        if (!DockerCli.isRoot() || !DockerCli.has("apt-get")) {
            throw new AssertionError("zsh is not installed, and this is no root Debian machine to install it on");
        }
        var install = DockerCli.exec(Map.of("DEBIAN_FRONTEND", "noninteractive"), "sh", "-c",
                "apt-get install -y -qq zsh >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq zsh; }");
        if (install.exitCode() != 0 || !DockerCli.has("zsh")) {
            throw new AssertionError("cannot install zsh: " + install.output());
        }
    }
}
