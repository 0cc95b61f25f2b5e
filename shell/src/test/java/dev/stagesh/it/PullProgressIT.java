package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineConnector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FROM whose image the engine lacks is pulled, and stagesh prints the engine's progress, layer by layer, as
 * {@code docker pull} does. No registry is reachable here, so the test serves one ({@link LocalRegistry}) with the
 * engine's own busybox, exported with {@code docker save}: its layer gzipped anew (a random gzip time, so the blob is
 * new to the engine and is downloaded rather than "Already exists") and a label added to its config (so the image
 * is new too and the engine does not skip the pull).
 *
 * <p>Only on the default engine (docker20): it shares this machine's network, so its 127.0.0.1 is the test's
 * registry. The other engines run in network namespaces of their own (see README, "Other engines"), where
 * 127.0.0.1 is not this machine and a registry anywhere else would not be insecure by default.
 */
class PullProgressIT {
    private static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What the registry serves: the manifest's digest, the layer's blob digest and size. */
    record Served(String manifestDigest, String layerDigest, long layerSize) {}

    @Test
    void aPulledBaseImagePrintsEachLayersProgress() throws IOException {
        String host = System.getenv("DOCKER_HOST");
        Preconditions.need(host == null || host.isEmpty() || host.equals("unix:///var/run/docker.sock") ? null
                : "the pull test needs the default engine, which shares this machine's network (DOCKER_HOST=" + host + ")");
        String marker = UUID.randomUUID().toString();
        try (LocalRegistry registry = LocalRegistry.start()) {
            Served served = serveBusybox(registry, "stagesh-test/busybox", "1", marker);
            String ref = registry.host() + "/stagesh-test/busybox:1";
            Path dockerfile = dir.resolve("Dockerfile");
            Files.writeString(dockerfile, "FROM " + ref + "\n");
            Stagesh.Result r;
            try {
                r = Stagesh.run("config\nquit\n", dockerfile.toString());
            } finally {
                removePulled(registry, ref);
            }
            System.out.println("[pull] stderr of the session:\n" + r.stderr() + "[pull] registry requests: " + registry.requests);
            assertThat(r.exitCode()).as(r + "\nregistry requests: " + registry.requests).isZero();
            // the image config of the step: busybox's, with the label the served image added
            assertThat(r.stdout()).as("config of the image served").isEqualTo("""
                    {
                      "Env" : [ "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" ],
                      "Cmd" : [ "sh" ],
                      "Labels" : {
                        "stagesh.test.pull" : "%s"
                      }
                    }
                    """.formatted(marker));

            String layer = served.layerDigest().substring("sha256:".length(), "sha256:".length() + 12);
            String total = humanSize(served.layerSize());
            List<String> lines = List.of(r.stderr().split("\n"));
            // the engine reports a layer's states as often as it sees fit, and a state followed at once by the
            // next may be dropped (a slow reader of a transfer gets its latest state only): each layer line has
            // its exact form, with the layer's size as the total, and the states come in their order
            List<Pattern> phases = List.of(
                    Pattern.compile("  " + layer + ": (Pulling fs layer|Waiting)"),
                    Pattern.compile("  " + layer + ": Downloading +\\[[=> ]{51}\\] +[0-9.]+[kMG]?B/" + Pattern.quote(total) + "( .*)?"),
                    Pattern.compile("  " + layer + ": Verifying Checksum"),
                    Pattern.compile("  " + layer + ": Download complete"),
                    Pattern.compile("  " + layer + ": Extracting +\\[[=> ]{51}\\] +[0-9.]+[kMG]?B/" + Pattern.quote(total) + "( .*)?"));
            int from = lines.indexOf("  1: Pulling from stagesh-test/busybox");
            int complete = lines.indexOf("  " + layer + ": Pull complete");
            assertThat(from).as(r.stderr()).isEqualTo(1);
            assertThat(complete).as(r.stderr()).isGreaterThan(from);
            int phase = 0;
            for (String line : lines.subList(from + 1, complete)) {
                int p = phase;
                while (p < phases.size() && !phases.get(p).matcher(line).matches()) {
                    p++;
                }
                assertThat(p).as("'" + line + "' is a state of the layer after the one before: " + r.stderr())
                        .isLessThan(phases.size());
                phase = p;
            }
            assertThat(lines.subList(0, from + 1)).containsExactly("  pulling " + ref, "  1: Pulling from stagesh-test/busybox");
            assertThat(lines.subList(complete, lines.size())).as(r.stderr()).containsExactly(
                    "  " + layer + ": Pull complete",
                    "  Digest: " + served.manifestDigest(),
                    "  Status: Downloaded newer image for " + ref,
                    "[0 1/1] FROM " + ref);
            assertThat(Leftovers.of(r.pid()).none()).as("left by the session: " + Leftovers.of(r.pid())).isTrue();
        }
    }

    /**
     * On a terminal the pull has a status line of its own under the output, with one line per layer
     * in flight; the scrollback gets only what is final (the layer's "Pull complete", the digest, the
     * status). The registry holds the layer half-sent until the test has seen the status line.
     */
    @Test
    void onATerminalEachLayerInFlightHasALineOfTheStatus() throws IOException {
        Preconditions.needTmux();
        String host = System.getenv("DOCKER_HOST");
        Preconditions.need(host == null || host.isEmpty() || host.equals("unix:///var/run/docker.sock") ? null
                : "the pull test needs the default engine, which shares this machine's network (DOCKER_HOST=" + host + ")");
        String marker = UUID.randomUUID().toString();
        var release = new java.util.concurrent.CountDownLatch(1);
        try (LocalRegistry registry = LocalRegistry.start()) {
            Served served = serveBusybox(registry, "stagesh-test/busybox", "1", marker);
            registry.hold(served.layerDigest(), release);
            String ref = registry.host() + "/stagesh-test/busybox:1";
            String layer = served.layerDigest().substring("sha256:".length(), "sha256:".length() + 12);
            Path dockerfile = dir.resolve("Dockerfile");
            // the pull runs at a command (into stage 1, not needed by the target 0), under the prompt
            Files.writeString(dockerfile, "FROM busybox\nFROM " + ref + "\n");
            JavaPids jvms = JavaPids.in(dir);
            String command = jvms.java() + " -Duser.home=" + dir + " -jar " + Stagesh.jar() + " --target 0 " + dockerfile
                    + "; echo STAGESH-EXITED-$?; sleep 30";
            Duration step = Duration.ofSeconds(90);
            try (Tmux t = Tmux.start("stagesh-it-" + UUID.randomUUID().toString().substring(0, 8),
                    Map.of("NO_COLOR", "1", "HOME", dir.toString()), command)) {
                t.waitFor("stage 0 1/1 > ", step);
                t.line("into stage 1");
                // once the pull is under way, one capture holds both its own status line and its layer's line under it
                // (judged on whole captures: one taken while the status is being redrawn may cut a line short)
                Pattern status = Pattern.compile(". \\d+\\.\\ds  pulling " + Pattern.quote(ref));
                Pattern layerLine = Pattern.compile("  " + layer + ": Downloading +\\[[=> ]{51}\\] +[0-9.]+[kMG]?B/"
                        + Pattern.quote(humanSize(served.layerSize())) + "( .*)?");
                String shown = waitForScreen(t, screen -> {
                    List<String> lines = screen.lines().map(String::stripTrailing).toList();
                    return lines.stream().anyMatch(l -> status.matcher(l).matches())
                            && lines.stream().anyMatch(l -> layerLine.matcher(l).matches());
                }, step, () -> "registry requests: " + registry.requests);
                System.out.println("[pull] the window: " + shown.lines().filter(l -> !l.isBlank()).toList()
                        + "\n[pull] registry requests: " + registry.requests);
                List<String> visible = shown.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
                assertThat(visible.subList(visible.size() - 2, visible.size())).as("the last two lines: the status, the layer; "
                        + shown).satisfiesExactly(l -> assertThat(l).matches(status), l -> assertThat(l).matches(layerLine));
                release.countDown();
                t.waitFor("stage 1 1/1 > ", step);
                t.line("config");
                t.waitFor("\"stagesh.test.pull\" : \"" + marker + "\"", step);
                t.waitForLastLine(l -> l.equals("stage 1 1/1 >"), step);
                String scrollback = t.screen();
                assertThat(scrollback).as("what stays is final").contains(String.join("\n",
                        "  pulling " + ref,
                        "  1: Pulling from stagesh-test/busybox",
                        "  " + layer + ": Pull complete",
                        "  Digest: " + served.manifestDigest(),
                        "  Status: Downloaded newer image for " + ref,
                        "[1 1/1] FROM " + ref))
                        .doesNotContain(layer + ": Downloading").doesNotContain(layer + ": Extracting")
                        .doesNotContain(layer + ": Pulling fs layer").doesNotContain(layer + ": Verifying Checksum");
                t.line("quit");
                t.waitFor("STAGESH-EXITED-0", step);
            } finally {
                release.countDown();
                removePulled(registry, ref);
            }
            for (long pid : jvms.pids()) {
                assertThat(Leftovers.of(pid).none()).as("left by the session: " + Leftovers.of(pid)).isTrue();
            }
        }
    }

    /**
     * Removes exactly the reference pulled (it is not the session's: no stagesh label), once the engine is done with
     * the registry: after a failed test its pull may still be finishing, and would make the image after a removal.
     */
    private static void removePulled(LocalRegistry registry, String ref) {
        registry.awaitIdle(Duration.ofSeconds(70));
        Docker.removeImage(ref);
        for (int i = 0; i < 10; i++) { // an image being registered still appears a moment after its last blob
            StageshProcess.sleep(300);
            if (!Docker.lines("images", "-q", ref).isEmpty()) {
                Docker.removeImage(ref);
            }
        }
        assertThat(Docker.lines("images", "-q", ref)).as("the pulled " + ref + " is removed").isEmpty();
    }

    /**
     * Waits until one capture of what the pane shows matches; returns that capture. A failure tells every distinct
     * screen it saw (the spinner and the clock masked, so a screen that only ticks is one), in order, and the
     * context: a status that never matched is told apart from one that never came.
     */
    private static String waitForScreen(Tmux t, java.util.function.Predicate<String> match, Duration timeout,
            java.util.function.Supplier<String> context) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<String, Long> seen = new java.util.LinkedHashMap<>();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = t.visible();
            if (match.test(screen)) {
                return screen;
            }
            String masked = screen.lines().map(String::stripTrailing).filter(l -> !l.isEmpty())
                    .map(l -> TICKING.matcher(l).replaceFirst("* T  ")).collect(java.util.stream.Collectors.joining("\n"));
            seen.putIfAbsent(masked, (System.nanoTime() - started) / 1_000_000);
            StageshProcess.sleep(50);
        }
        StringBuilder screens = new StringBuilder();
        seen.entrySet().stream().skip(Math.max(0, seen.size() - 12)).forEach(e ->
                screens.append("--- first seen at +").append(e.getValue()).append("ms:\n").append(e.getKey()).append('\n'));
        throw new AssertionError("the screen never matched; " + context.get() + "; the " + seen.size()
                + " distinct screens (the last 12):\n" + screens + "--- it shows:\n" + screen);
    }

    /** The status line's spinner and clock, which change at every tick. */
    private static final Pattern TICKING = Pattern.compile("^. (\\d+\\.\\ds|\\d+m\\d\\ds)  ");

    /**
     * Docker's sizes ({@code units.HumanSize}): four significant digits, trailing zeros dropped, decimal units.
     */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < units.length - 1) {
            size /= 1000;
            unit++;
        }
        return new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros().toPlainString() + units[unit];
    }

    /** Serves the engine's busybox under {@code repository:tag}, with a fresh layer blob and a labelled config. */
    private static Served serveBusybox(LocalRegistry registry, String repository, String tag, String marker)
            throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Engine engine = EngineConnector.connect(); InputStream save = engine.save("busybox:latest");
             TarArchiveInputStream tar = new TarArchiveInputStream(save)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode saved = JSON.readTree(files.get("manifest.json")).get(0);
        ObjectNode config = (ObjectNode) JSON.readTree(files.get(saved.get("Config").asText()));
        ObjectNode inner = (ObjectNode) config.get("config");
        JsonNode existing = inner.get("Labels");
        (existing instanceof ObjectNode o ? o : inner.putObject("Labels")).put("stagesh.test.pull", marker);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        List<Map<String, Object>> layers = new ArrayList<>();
        String layerDigest = null;
        long layerSize = 0;
        for (JsonNode path : saved.get("Layers")) {
            byte[] gz = gzip(files.get(path.asText()));
            layerDigest = registry.blob(gz);
            layerSize = gz.length;
            layers.add(Map.of("mediaType", LAYER_TYPE, "size", gz.length, "digest", layerDigest));
        }
        assertThat(layers).as("busybox here is one layer (built from busybox-static)").hasSize(1);
        Map<String, Object> manifest = Map.of("schemaVersion", 2, "mediaType", LocalRegistry.MANIFEST_TYPE,
                "config", Map.of("mediaType", CONFIG_TYPE, "size", configBytes.length, "digest", registry.blob(configBytes)),
                "layers", layers);
        String digest = registry.manifest(repository, tag, JSON.writeValueAsBytes(manifest));
        return new Served(digest, layerDigest, layerSize);
    }

    /** Gzipped with a random modification time in its header: the same files, a blob the engine has never seen. */
    private static byte[] gzip(byte[] content) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(System.currentTimeMillis() - new java.util.Random().nextInt(1_000_000_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out, parameters)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
