package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code scripts/install} as a user runs it, into a prefix and a home of the test's own: the
 * {@code stagesh} launcher from any folder, the docker CLI plugin through the real docker CLI
 * (its metadata, its {@code --context} and {@code --host}), completion in bash and zsh driven in
 * tmux, and {@code --uninstall}, which must remove everything the install placed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The test's own folder: a class-wide one, made and removed here (the install is shared by the tests). */
    Path dir;

    Path home;
    Path prefix;
    Path project;
    Map<String, String> env;

    @BeforeAll
    void install() throws IOException {
        dir = Files.createTempDirectory("stagesh-install-it");
        home = Files.createDirectory(dir.resolve("home"));
        prefix = dir.resolve("prefix"); // made by the install, so removed by the uninstall
        project = Files.createDirectory(dir.resolve("project"));
        Files.writeString(project.resolve("Dockerfile"), "FROM busybox AS base\nRUN echo hi > /hi\nFROM base AS final\n");
        env = Map.of("HOME", home.toString());
        var r = DockerCli.exec(env, root().resolve("scripts/install").toString(), "--prefix", prefix.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("installed stagesh " + version() + " in " + prefix);
    }

    @AfterAll
    void uninstallWhatAFailedTestLeft() {
        if (Files.exists(prefix.resolve("lib/stagesh/installed"))) {
            DockerCli.exec(env, root().resolve("scripts/install").toString(), "--prefix", prefix.toString(), "--uninstall");
        }
        DockerCli.exec(Map.of(), "rm", "-rf", dir.toString());
    }

    static Path root() {
        return Stagesh.jar().getParent().getParent().getParent();
    }

    /** The project's version, from the archive mvn package made. */
    static String version() {
        try (var files = Files.list(Stagesh.jar().getParent())) {
            String name = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("stagesh-.*\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("mvn package made no stagesh-VERSION.tar.gz"));
            return name.substring("stagesh-".length(), name.length() - ".tar.gz".length());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private DockerCli.Exec inProject(Map<String, String> extra, String... cmd) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(extra);
        List<String> argv = new ArrayList<>(List.of("env", "-C", project.toString()));
        argv.addAll(List.of(cmd));
        return DockerCli.exec(all, argv.toArray(String[]::new));
    }

    private String stagesh() {
        return prefix.resolve("bin/stagesh").toString();
    }

    @Test
    @Order(1)
    void placesTheLauncherWithItsClassDataArchiveThePluginTheCompletionAndTheManPage() {
        assertThat(prefix.resolve("bin/stagesh")).isExecutable();
        assertThat(prefix.resolve("lib/stagesh/stagesh.jar")).isRegularFile();
        assertThat(prefix.resolve("lib/stagesh/stagesh.jsa")).as("made at install time: an engine answers").isRegularFile();
        assertThat(prefix.resolve("share/bash-completion/completions/stagesh")).content().contains("complete -F _stagesh stagesh");
        assertThat(prefix.resolve("share/zsh/site-functions/_stagesh")).content().startsWith("#compdef stagesh");
        assertThat(prefix.resolve("share/man/man1/stagesh.1")).content().contains(".TH STAGESH 1").contains("\\-\\-target");
        Path link = home.resolve(".docker/cli-plugins/docker-stagesh");
        assertThat(Files.isSymbolicLink(link)).as("the plugin, where the docker CLI looks for a user's").isTrue();
        assertThat(link).isExecutable();
    }

    @Test
    @Order(2)
    void theLauncherRunsFromAnyFolderAndSaysItsVersionAndEngine() {
        var v = inProject(Map.of(), stagesh(), "--version");
        assertThat(v.exitCode()).as(v.output()).isZero();
        List<String> lines = v.output().lines().toList();
        assertThat(lines.get(0)).isEqualTo("stagesh " + version());
        assertThat(lines.get(1)).startsWith("engine: ").contains("(API ");

        var none = inProject(Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock")), stagesh(), "--version");
        assertThat(none.exitCode()).as("a version line does not need an engine: " + none.output()).isZero();
        assertThat(none.output()).contains("engine: unix://" + dir.resolve("no-engine.sock") + " (DOCKER_HOST): no answer");

        var session = inProject(Map.of(), stagesh(), "-c", "continue; cat /hi");
        assertThat(session.exitCode()).as(session.output()).isZero();
        assertThat(session.output()).contains("hi\n");
    }

    @Test
    @Order(3)
    void thePluginAnswersTheDockerClisMetadataQuestion() throws IOException {
        var r = inProject(Map.of(), home.resolve(".docker/cli-plugins/docker-stagesh").toString(), "docker-cli-plugin-metadata");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode m = new ObjectMapper().readTree(r.output());
        assertThat(m.path("SchemaVersion").asText()).isEqualTo("0.1.0");
        assertThat(m.path("Vendor").asText()).isNotBlank();
        assertThat(m.path("Version").asText()).isEqualTo(version());
        assertThat(m.path("ShortDescription").asText()).isNotBlank();
        var help = inProject(Map.of(), "docker", "--help");
        assertThat(help.output()).as("the docker CLI lists the plugin").containsPattern("stagesh\\*?\\s+Debug a Dockerfile");
    }

    @Test
    @Order(4)
    void dockerStageshRunsASessionAndABuildOnTheEngineTheDockerCliChose() {
        var session = inProject(Map.of(), "docker", "stagesh", "-c", "continue; cat /hi", "Dockerfile");
        assertThat(session.exitCode()).as(session.output()).isZero();
        assertThat(session.output()).contains("hi\n");

        String tag = "stagesh-it-install:" + UUID.randomUUID().toString().substring(0, 8);
        var build = inProject(Map.of(), "docker", "stagesh", "build", "-q", "--target", "base", "-t", tag, ".");
        try {
            assertThat(build.exitCode()).as(build.output()).isZero();
            assertThat(DockerCli.run(Map.of(), "run", "--rm", "--label", "stagesh.session=it-install", tag, "cat", "/hi")).isEqualTo("hi\n");
        } finally {
            DockerCli.exec(Map.of(), "docker", "rmi", "-f", tag);
        }

        // --context: a context of this home whose engine does not exist; stagesh must go there and say so
        Path nowhere = dir.resolve("nowhere.sock");
        DockerCli.must(env, "docker", "context", "create", "nowhere", "--docker", "host=unix://" + nowhere);
        var viaContext = inProject(Map.of(), "docker", "--context", "nowhere", "stagesh", "-c", "stages");
        assertThat(viaContext.exitCode()).as(viaContext.output()).isEqualTo(2);
        assertThat(viaContext.output()).contains("no Docker engine answers at unix://" + nowhere).contains("context nowhere");
        var version = inProject(Map.of(), "docker", "--context=nowhere", "stagesh", "--version");
        assertThat(version.output()).contains("engine: unix://" + nowhere);

        // -H: beats DOCKER_HOST, as it does for the docker CLI
        var viaHost = inProject(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"),
                "docker", "-H", "unix://" + nowhere, "stagesh", "--version");
        assertThat(viaHost.exitCode()).as(viaHost.output()).isZero();
        assertThat(viaHost.output()).contains("engine: unix://" + nowhere + " (DOCKER_HOST): no answer");
        // and back on the default context, the real engine
        var viaDefault = inProject(Map.of(), "docker", "--context", "default", "stagesh", "-c", "stages");
        assertThat(viaDefault.exitCode()).as(viaDefault.output()).isZero();
        assertThat(viaDefault.output()).contains("final");
    }

    @Test
    @Order(5)
    void stageshAndDockerStageshOpenTheSessionOnATerminal() {
        for (String command : List.of("stagesh", "docker stagesh")) {
            try (Tmux t = Tmux.start("stagesh-it-tty-" + UUID.randomUUID().toString().substring(0, 8), env, "bash --norc --noprofile")) {
                t.line("export PATH=" + prefix.resolve("bin") + ":$PATH PS1='$ ' NO_COLOR=1; cd " + project + "; clear; echo READY-$((6*7))");
                t.waitForLine(l -> l.equals("READY-42"), WAIT);
                t.line(command + " Dockerfile; echo EXITED-$?");
                t.waitFor("stage 0 (base) 1/2 > ", Duration.ofSeconds(90));
                t.line("next");
                t.waitFor("stage 0 (base) 2/2 > ", Duration.ofSeconds(90));
                t.line("cat /hi");
                t.waitFor("\nhi\n", WAIT);
                t.line("quit");
                t.waitFor("EXITED-0", WAIT);
            }
        }
    }

    @Test
    @Order(5)
    void tabCompletesSubcommandsOptionsAndStagesInBash() {
        try (Tmux t = Tmux.start("stagesh-it-bash-" + UUID.randomUUID().toString().substring(0, 8), env, "bash --norc --noprofile")) {
            t.line("export PATH=" + prefix.resolve("bin") + ":$PATH PS1='$ '; source "
                    + prefix.resolve("share/bash-completion/completions/stagesh") + "; cd " + project + "; clear; echo READY-$((6*7))");
            completes(t);
        }
    }

    @Test
    @Order(6)
    void tabCompletesSubcommandsOptionsAndStagesInZsh() {
        Shells.requireZsh();
        try (Tmux t = Tmux.start("stagesh-it-zsh-" + UUID.randomUUID().toString().substring(0, 8), env, "zsh -f")) {
            t.line("export PATH=" + prefix.resolve("bin") + ":$PATH PS1='$ '; fpath=(" + prefix.resolve("share/zsh/site-functions")
                    + " $fpath); autoload -Uz compinit; compinit -u -D; cd " + project + "; clear; echo READY-$((6*7))");
            completes(t);
        }
    }

    /** stagesh <Tab> lists the subcommands; --ta<Tab> completes the option; --target <Tab> the only stage so prefixed. */
    private static void completes(Tmux t) {
        // the set-up line's own text holds "$ " and "completion": its answer, not its echo, says it ran
        t.waitForLine(l -> l.equals("READY-42"), WAIT);
        t.type("stagesh ");
        t.keys("Tab", "Tab");
        showsAll(t, "build", "completion", "parse", "prune", "help", "Dockerfile");
        t.keys("C-u");
        t.keys("C-l");
        t.type("stagesh --ta");
        t.keys("Tab");
        t.waitForLine(l -> l.equals("$ stagesh --target"), WAIT);
        t.type("fi");
        t.keys("Tab");
        t.waitForLine(l -> l.equals("$ stagesh --target final"), WAIT);
        t.keys("C-u");
    }

    /** Waits until the visible screen (no scrollback) shows every word. */
    private static void showsAll(Tmux t, String... words) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = t.visible();
            String shown = screen;
            if (java.util.Arrays.stream(words).allMatch(shown::contains)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the screen never showed all of " + java.util.Arrays.toString(words) + "; it shows:\n" + screen);
    }

    @Test
    @Order(7)
    void uninstallRemovesEverythingTheInstallPlaced() {
        var r = DockerCli.exec(env, root().resolve("scripts/install").toString(), "--prefix", prefix.toString(), "--uninstall");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(prefix).as("the prefix folder, which the install made").doesNotExist();
        assertThat(home.resolve(".docker/cli-plugins")).doesNotExist();
        assertThat(home.resolve(".docker/contexts")).as("what the docker CLI made stays").isDirectory();
        var again = DockerCli.exec(env, root().resolve("scripts/install").toString(), "--prefix", prefix.toString(), "--uninstall");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("not installed in " + prefix);
    }
}
