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
        List<String> before = labelled();

        var first = DockerCli.exec(Map.of(), launcher.toString(), "-c", "ls /bin/sh", dockerfile.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("making the class-data archive").contains("/bin/sh");
        assertThat(archive).isRegularFile();

        // -Xshare:on refuses to start with an archive this JVM and jar cannot use
        var strict = DockerCli.exec(Map.of(), "java", "-XX:+UseSerialGC", "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "--version");
        assertThat(strict.exitCode()).as(strict.output()).isZero();

        var second = DockerCli.exec(Map.of(), launcher.toString(), "-c", "ls /bin/sh", dockerfile.toString());
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("making the class-data archive").contains("/bin/sh");

        assertThat(labelled()).as("the training session and the runs left nothing").isEqualTo(before);
    }

    /**
     * Containers, volumes and images of any stagesh session, but for what sessions share on
     * purpose: build-cache entries and the toolbox (made by whichever session first needs it).
     */
    private static List<String> labelled() {
        List<String> all = new java.util.ArrayList<>();
        all.addAll(DockerCli.lines(Map.of(), "ps", "-aq", "--filter", "label=stagesh.session"));
        for (String volume : DockerCli.lines(Map.of(), "volume", "ls", "-q", "--filter", "label=stagesh.session")) {
            if (!shared(DockerCli.run(Map.of(), "volume", "inspect", "-f", "{{json .Labels}}", volume))) {
                all.add(volume);
            }
        }
        for (String image : DockerCli.lines(Map.of(), "images", "-q", "--filter", "label=stagesh.session")) {
            if (!shared(DockerCli.run(Map.of(), "inspect", "-f", "{{json .Config.Labels}}", image))) {
                all.add(image);
            }
        }
        all.sort(null);
        return all;
    }

    private static boolean shared(String labelsJson) {
        return labelsJson.contains("\"stagesh.cache\"") || labelsJson.contains("\"stagesh.toolbox\"");
    }
}
