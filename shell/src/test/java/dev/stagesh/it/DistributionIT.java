package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive mvn package makes, unpacked where nothing else of stagesh is, run
 * with a PATH that holds Java and the base system but no docker CLI: its launcher must need
 * nothing more (it makes its class-data archive on the first session, once).
 */
class DistributionIT {
    @TempDir
    Path dir;

    @Test
    void unpackedAnywhereItRunsWithOnlyJava() throws IOException {
        Path tarball = Stagesh.jar().resolveSibling("stagesh-" + InstallIT.version() + ".tar.gz");
        DockerCli.must(Map.of(), "tar", "xzf", tarball.toString(), "-C", dir.toString());
        Path home = dir.resolve("stagesh-" + InstallIT.version());
        for (String f : new String[] {"bin/stagesh", "lib/stagesh/stagesh.jar", "lib/stagesh/class-data",
            "lib/docker/cli-plugins/docker-stagesh", "share/bash-completion/completions/stagesh",
            "share/zsh/site-functions/_stagesh", "share/man/man1/stagesh.1"}) {
            assertThat(home.resolve(f)).as(f).exists();
        }
        // a PATH of Java and the base tools a shell script uses, and nothing else (the docker CLI shares
        // /usr/bin with Java on this machine, so the folders themselves cannot be on it)
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : new String[] {"java", "bash", "sh", "env", "readlink", "dirname", "mktemp", "script", "timeout",
            "rm", "mv", "cat"}) {
            String where = DockerCli.must(Map.of(), "sh", "-c", "command -v " + tool).strip();
            Files.createSymbolicLink(bin.resolve(tool), Path.of(where).toRealPath());
        }
        Map<String, String> onlyJava = Map.of("PATH", bin.toString(), "HOME", dir.toString());
        assertThat(DockerCli.exec(onlyJava, "sh", "-c", "command -v docker").exitCode()).as("no docker CLI on the PATH").isNotZero();

        var version = DockerCli.exec(onlyJava, home.resolve("bin/stagesh").toString(), "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("stagesh " + InstallIT.version() + "\nengine: ");

        Files.writeString(dir.resolve("Dockerfile"), "FROM busybox\nRUN echo unpacked > /where\n");
        var first = DockerCli.exec(onlyJava, home.resolve("bin/stagesh").toString(), "-c", "continue; cat /where",
                dir.resolve("Dockerfile").toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("making the class-data archive").contains("unpacked\n");
        assertThat(home.resolve("lib/stagesh/stagesh.jsa")).isRegularFile();

        var second = DockerCli.exec(onlyJava, home.resolve("bin/stagesh").toString(), "-c", "cat /etc/passwd",
                dir.resolve("Dockerfile").toString());
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("making the class-data archive").contains("root:");

        var man = DockerCli.exec(Map.of(), "sh", "-c", "command -v groff >/dev/null || exit 0; groff -man -Tascii -ww -z "
                + home.resolve("share/man/man1/stagesh.1") + " 2>&1");
        assertThat(man.output()).as("troff warnings in the man page").isEmpty();
    }
}
