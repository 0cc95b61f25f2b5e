package dev.stagesh.engine;

import static dev.stagesh.engine.TestTars.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagesh.docker.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commit against engines of each image store, through the fake engine. */
class ImageCommitterEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE_LAYER = "sha256:" + "a".repeat(64);
    private static final String STEP_LAYER = "sha256:" + "b".repeat(64);

    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},
             "rootfs":{"type":"layers","diff_ids":["%s","%s"]},
             "history":[{"created":"2024-01-01T00:00:00Z","created_by":"ADD rootfs.tar /"},
                        {"created":"2024-01-02T00:00:00Z","created_by":"/bin/sh -c echo hi"}]}"""
            .formatted(BASE_LAYER, STEP_LAYER);

    /** {@code docker save} as Docker 25+ writes it: every file a blob, an OCI index, and manifest.json. */
    private static byte[] ociSave() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("blobs/sha256/" + "a".repeat(64), TestTars.of(Map.of("etc/os-release", utf8("base"))));
        files.put("blobs/sha256/" + "b".repeat(64), TestTars.of(Map.of("hi", utf8("hi"))));
        files.put("blobs/sha256/" + "c".repeat(64), utf8(CONFIG));
        files.put("blobs/sha256/" + "d".repeat(64), utf8("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + "c".repeat(64) + "\"}}"));
        files.put("index.json", utf8("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + "d".repeat(64) + "\"}]}"));
        files.put("manifest.json", utf8("[{\"Config\":\"blobs/sha256/" + "c".repeat(64) + "\",\"RepoTags\":null,"
                + "\"Layers\":[\"blobs/sha256/" + "a".repeat(64) + "\",\"blobs/sha256/" + "b".repeat(64) + "\"]}]"));
        files.put("oci-layout", utf8("{\"imageLayoutVersion\":\"1.0.0\"}"));
        return TestTars.of(files);
    }

    private static Snapshot snapshot(FakeEngine engine) {
        String id = engine.addImage(null, List.of(BASE_LAYER, STEP_LAYER), Map.of(), ociSave(),
                List.of(new Engine.HistoryRecord(1, "ADD rootfs.tar /", "", 100),
                        new Engine.HistoryRecord(2, "/bin/sh -c echo hi", "", 2))).id();
        ImageConfig config = ImageConfig.scratch("linux", "amd64").withCmd(List.of("/app"));
        return new Snapshot(id, config, 1, List.of(new HistoryEntry("RUN /bin/sh -c echo hi # buildkit", false)), 1);
    }

    @Test
    void onTheContainerdStoreTheOciSaveIsRewrittenWithItsLayersAndTheIdIsTheEngines() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        Snapshot snap = snapshot(engine);

        String id = new ImageCommitter(engine).commit(snap, List.of("out:1"));

        assertThat(id).isEqualTo(engine.tags.get("out:1"));
        Map<String, byte[]> loaded = TestTars.read(engine.loads.get(0));
        // the index would name the old config: only manifest.json is left for the loader
        assertThat(loaded).doesNotContainKeys("index.json", "oci-layout", "blobs/sha256/" + "c".repeat(64),
                "blobs/sha256/" + "d".repeat(64));
        JsonNode manifest = JSON.readTree(loaded.get("manifest.json")).get(0);
        assertThat(manifest.path("Layers").get(1).asText()).isEqualTo("blobs/sha256/" + "b".repeat(64));
        assertThat(loaded).containsKeys(manifest.path("Layers").get(0).asText(), manifest.path("Layers").get(1).asText());
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("out:1");
        JsonNode config = JSON.readTree(loaded.get(manifest.path("Config").asText()));
        assertThat(config.path("config").path("Cmd").get(0).asText()).isEqualTo("/app");
        assertThat(config.path("history")).hasSize(2);
        assertThat(config.path("history").get(0).path("created_by").asText()).isEqualTo("ADD rootfs.tar /");
        assertThat(config.path("history").get(1).path("created_by").asText()).isEqualTo("RUN /bin/sh -c echo hi # buildkit");
        // the engine's ID there is not the config's digest
        assertThat(id).isNotEqualTo("sha256:" + ImageCommitter.sha256(loaded.get(manifest.path("Config").asText())));
    }

    @Test
    void onAGraphDriverStoreTheConfigIsLoadedWithoutItsLayers() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Snapshot snap = snapshot(engine);

        String id = new ImageCommitter(engine).commit(snap, List.of("out:1"));

        Map<String, byte[]> loaded = TestTars.read(engine.loads.get(0));
        assertThat(loaded).hasSize(2).containsKey("manifest.json");
        JsonNode manifest = JSON.readTree(loaded.get("manifest.json")).get(0);
        assertThat(id).isEqualTo("sha256:" + ImageCommitter.sha256(loaded.get(manifest.path("Config").asText())));
        assertThat(engine.images.get(id).layers()).containsExactly(BASE_LAYER, STEP_LAYER);
    }

    @Test
    void podmanGetsTheLayersToo() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        Snapshot snap = snapshot(engine);
        String id = new ImageCommitter(engine).commit(snap, List.of("out:1"));
        assertThat(TestTars.read(engine.loads.get(0))).containsKey("blobs/sha256/" + "a".repeat(64));
        assertThat(engine.images.get(id).layers()).containsExactly(BASE_LAYER, STEP_LAYER);
    }
}
