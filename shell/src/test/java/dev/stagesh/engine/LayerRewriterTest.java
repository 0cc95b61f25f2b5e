package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagesh.docker.EngineException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/** The committed image's top layer rewritten without its mount points, per store (the fake engine's loaders). */
class LayerRewriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BASE = SavedImages.layer("bin/", "", "bin/sh", "#!", "etc/", "");
    /** A RUN's layer: the stubs of a secret at /run/secrets/tok and of Podman's /etc/hostname, and what the command wrote. */
    private static final byte[] TOP = SavedImages.layer("etc/", "", "etc/hostname", "", "run/", "", "run/secrets/", "",
            "run/secrets/tok", "", "seen", "s3cret\n");
    private static final Instant ETC_TIME = Instant.ofEpochSecond(1_600_000_000L);
    private static final MountPointFilter.Stubs STUBS = new MountPointFilter.Stubs(
            Set.of("/etc/hostname", "/run", "/run/secrets", "/run/secrets/tok"), Map.of("/etc", ETC_TIME));

    /** Each entry of a layer tar as "name mtime-seconds content". */
    private static List<String> entries(byte[] layer) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(layer))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.add(e.getName() + " " + e.getModTime().toInstant().getEpochSecond() + " " + new String(in.readAllBytes()));
            }
        }
        return out;
    }

    private static JsonNode manifest(Map<String, byte[]> archive) throws IOException {
        return JSON.readTree(archive.get("manifest.json")).get(0);
    }

    @Test
    void onAGraphDriverStoreWithoutUpperDirOnlyTheNewTopLayerIsLoadedUnderTheBaseTheEngineHolds() throws IOException {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String image = SavedImages.add(engine, BASE, TOP, SavedImages.legacy(BASE, TOP));

        String rewritten = new LayerRewriter(engine).withoutMountPoints(image, STUBS);

        assertThat(rewritten).isNotEqualTo(image);
        assertThat(engine.saves).hasSize(1);
        assertThat(engine.images).doesNotContainKey(image).containsKey(rewritten);
        Map<String, byte[]> loaded = TestTars.read(engine.loads.get(0));
        JsonNode manifest = manifest(loaded);
        // the config, the new layer and the manifest: the base layer is named, never sent
        assertThat(loaded).hasSize(3);
        assertThat(loaded).doesNotContainKey(manifest.path("Layers").get(0).asText());
        byte[] layer = loaded.get(manifest.path("Layers").get(1).asText());
        assertThat(entries(layer)).containsExactly("seen 1700000000 s3cret\n", "etc/ 1600000000 ");
        byte[] config = loaded.get(manifest.path("Config").asText());
        assertThat(rewritten).isEqualTo("sha256:" + SavedImages.hex(config)); // a graph driver's ID is the config's digest
        JsonNode c = JSON.readTree(config);
        assertThat(c.path("rootfs").path("diff_ids").get(0).asText()).isEqualTo(SavedImages.diffId(BASE));
        assertThat(c.path("rootfs").path("diff_ids").get(1).asText()).isEqualTo(SavedImages.diffId(layer));
        assertThat(c.path("config").path("Labels").path("stagesh.session").asText()).isEqualTo("s1");
        assertThat(c.path("history")).hasSize(2);
        assertThat(engine.images.get(rewritten).layers()).containsExactly(SavedImages.diffId(BASE), SavedImages.diffId(layer));
    }

    @Test
    void aLegacyJsonThatMisleadsCostsASecondSaveNotTheRewrite() throws IOException {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String image = SavedImages.add(engine, BASE, TOP, SavedImages.legacy(BASE, TOP, false));

        String rewritten = new LayerRewriter(engine).withoutMountPoints(image, STUBS);

        assertThat(engine.saves).hasSize(2);
        assertThat(engine.images.get(rewritten).layers().get(0)).isEqualTo(SavedImages.diffId(BASE));
        assertThat(engine.images.get(rewritten).layers().get(1)).isNotEqualTo(SavedImages.diffId(TOP));
    }

    @Test
    void onPodmanEveryLayerGoesBackTheBaseAsItWasTheTopFilteredUnderItsName() throws IOException {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String image = SavedImages.add(engine, BASE, TOP, SavedImages.podman(BASE, TOP));

        String rewritten = new LayerRewriter(engine).withoutMountPoints(image, STUBS);

        assertThat(rewritten).isNotEqualTo(image);
        assertThat(engine.images).doesNotContainKey(image).containsKey(rewritten);
        Map<String, byte[]> loaded = TestTars.read(engine.loads.get(0));
        JsonNode manifest = manifest(loaded);
        assertThat(manifest.path("Layers").get(0).asText()).isEqualTo(SavedImages.hex(BASE) + ".tar");
        assertThat(manifest.path("Layers").get(1).asText()).isEqualTo(SavedImages.hex(TOP) + ".tar");
        assertThat(loaded.get(SavedImages.hex(BASE) + ".tar")).isEqualTo(BASE);
        byte[] layer = loaded.get(SavedImages.hex(TOP) + ".tar");
        assertThat(entries(layer)).containsExactly("seen 1700000000 s3cret\n", "etc/ 1600000000 ");
        assertThat(loaded).doesNotContainKey("repositories");
        JsonNode c = JSON.readTree(loaded.get(manifest.path("Config").asText()));
        assertThat(c.path("rootfs").path("diff_ids").get(1).asText()).isEqualTo(SavedImages.diffId(layer));
        assertThat(manifest.path("RepoTags")).isEmpty();
    }

    @Test
    void aTopLayerWithoutStubsLeavesTheImageAsItWas() {
        byte[] top = SavedImages.layer("seen", "s3cret\n");
        for (FakeEngine engine : List.of(new FakeEngine(FakeEngine.docker20()), new FakeEngine(FakeEngine.podman5()))) {
            boolean podman = engine.capabilities().podman();
            String image = SavedImages.add(engine, BASE, top, podman ? SavedImages.podman(BASE, top) : SavedImages.legacy(BASE, top));

            assertThat(new LayerRewriter(engine).withoutMountPoints(image, STUBS)).isEqualTo(image);
            assertThat(engine.images).containsKey(image);
            if (podman) {
                // the stream went into the load already: it gets the same config and layers back
                assertThat(TestTars.read(engine.loads.get(0)).get(SavedImages.hex(top) + ".tar")).isEqualTo(top);
            } else {
                assertThat(engine.loads).isEmpty();
            }
        }
    }

    @Test
    void aSaveThatLacksTheTopLayerIsAnEngineErrorAndTheImageStays() {
        for (FakeEngine engine : List.of(new FakeEngine(FakeEngine.docker20()), new FakeEngine(FakeEngine.podman5()))) {
            byte[] other = SavedImages.layer("other", "x");
            // the image says TOP is its layer; its archive holds another
            String image = engine.addImage(null, List.of(SavedImages.diffId(BASE), SavedImages.diffId(TOP)), Map.of(),
                    engine.capabilities().podman() ? SavedImages.podman(BASE, other) : SavedImages.legacy(BASE, other),
                    List.of()).id();

            assertThatThrownBy(() -> new LayerRewriter(engine).withoutMountPoints(image, STUBS))
                    .isInstanceOf(EngineException.class).hasMessageContaining("holds no layer of diff ID");
            assertThat(engine.images).containsKey(image);
        }
    }
}
