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
                Docker.removeImage(ref); // not the session's (no stagesh label): exactly the reference pulled
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
            // the engine reports download and extraction progress as often as it sees fit: each such line has
            // its exact form, with the layer's size as the total
            Pattern progress = Pattern.compile("  " + layer + ": (Downloading|Extracting) +\\[[=> ]{51}\\] +[0-9.]+[kMG]?B/"
                    + Pattern.quote(total) + "( .*)?");
            List<String> fixed = lines.stream().filter(l -> !progress.matcher(l).matches()).toList();
            assertThat(fixed).as(r.stderr()).containsExactly(
                    "  pulling " + ref,
                    "  1: Pulling from stagesh-test/busybox",
                    "  " + layer + ": Pulling fs layer",
                    "  " + layer + ": Verifying Checksum",
                    "  " + layer + ": Download complete",
                    "  " + layer + ": Pull complete",
                    "  Digest: " + served.manifestDigest(),
                    "  Status: Downloaded newer image for " + ref,
                    "[0 1/1] FROM " + ref);
            // downloads come before the checksum, extraction after the download is complete
            int verified = lines.indexOf("  " + layer + ": Verifying Checksum");
            int complete = lines.indexOf("  " + layer + ": Pull complete");
            for (int i = 0; i < lines.size(); i++) {
                if (progress.matcher(lines.get(i)).matches()) {
                    boolean downloading = lines.get(i).contains(": Downloading ");
                    assertThat(downloading ? i < verified : i > verified + 1 && i < complete)
                            .as("line " + i + " in its place: " + r.stderr()).isTrue();
                }
            }
            assertThat(Leftovers.of(r.pid()).none()).as("left by the session: " + Leftovers.of(r.pid())).isTrue();
        }
    }

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
