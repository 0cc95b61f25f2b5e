package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher a user runs, {@code scripts/stagesh}: once per jar it makes the class-data archive
 * that halves the JVM's start-up, from a training session of its own, which must leave nothing
 * on the engine; later runs use the archive and do not make it again.
 */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void makesTheClassDataArchiveOnceFromATrainingSessionThatLeavesNothing() throws IOException {
        Path jar = Stagesh.jar();
        Path launcher = jar.getParent().getParent().getParent().resolve("scripts/stagesh");
        Path archive = jar.resolveSibling("stagesh.jsa");
        Files.deleteIfExists(archive);
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM busybox\n");
        // every java the launcher starts (the training session, the archive dump, the sessions) records its pid,
        // which labels what its session makes: the check below sees this test's sessions and no one else's
        JavaPids jvms = JavaPids.in(dir);
        Map<String, String> env = jvms.env();

        var first = DockerCli.exec(env, launcher.toString(), "-c", "ls /bin/sh", dockerfile.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("making the class-data archive").contains("/bin/sh");
        assertThat(archive).isRegularFile();

        // -Xshare:on refuses to start with an archive this JVM and jar cannot use; with the
        // launcher's flags, so this JVM also accepts mapping it where it was dumped
        var strict = DockerCli.exec(Map.of(), "java", "-XX:+UseSerialGC", "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                "-jar", jar.toString(), "--version");
        assertThat(strict.exitCode()).as(strict.output()).isZero();

        var second = DockerCli.exec(env, launcher.toString(), "-c", "ls /bin/sh", dockerfile.toString());
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("making the class-data archive").contains("/bin/sh");

        List<Long> pids = jvms.pids();
        assertThat(pids).as("the training session, the archive's dump and the two sessions").hasSizeGreaterThanOrEqualTo(4);
        for (long pid : pids) {
            // build-cache entries (a non-empty stagesh.cache) and the toolbox are shared on purpose; nothing else is
            assertThat(Leftovers.of(pid).none()).as("left by java pid " + pid + ": " + Leftovers.of(pid)).isTrue();
        }
    }
}
