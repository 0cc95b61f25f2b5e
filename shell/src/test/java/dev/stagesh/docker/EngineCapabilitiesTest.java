package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EngineCapabilitiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void dockerWithAGraphDriver() throws Exception {
        EngineCapabilities c = EngineCapabilities.of(
                json("{\"Version\":\"20.10.24+dfsg1\",\"ApiVersion\":\"1.41\",\"Os\":\"linux\",\"Arch\":\"amd64\","
                        + "\"Components\":[{\"Name\":\"Engine\",\"Version\":\"20.10.24+dfsg1\"}]}"),
                json("{\"Driver\":\"overlay2\",\"DriverStatus\":[[\"Backing Filesystem\",\"extfs\"],[\"Supports d_type\",\"true\"]]}"));
        assertThat(c.product()).isEqualTo(EngineCapabilities.Product.DOCKER);
        assertThat(c.store()).isEqualTo(EngineCapabilities.ImageStore.GRAPH_DRIVER);
        assertThat(c.volumeSubpaths()).isFalse();
        assertThat(c.describe()).isEqualTo("Docker 20.10.24+dfsg1 (API 1.41)");
    }

    @Test
    void dockerWithTheContainerdSnapshotter() throws Exception {
        EngineCapabilities c = EngineCapabilities.of(
                json("{\"Version\":\"28.5.2\",\"ApiVersion\":\"1.51\",\"Os\":\"linux\",\"Arch\":\"aarch64\"}"),
                json("{\"Driver\":\"overlayfs\",\"DriverStatus\":[[\"driver-type\",\"io.containerd.snapshotter.v1\"]]}"));
        assertThat(c.store()).isEqualTo(EngineCapabilities.ImageStore.CONTAINERD);
        assertThat(c.platform()).isEqualTo("linux/arm64");
        assertThat(c.volumeSubpaths()).isTrue();
        assertThat(c.describe()).isEqualTo("Docker 28.5.2 (API 1.51, containerd image store)");
    }

    @Test
    void podmanSaysSoInItsComponents() throws Exception {
        EngineCapabilities c = EngineCapabilities.of(
                json("{\"Version\":\"5.8.6\",\"ApiVersion\":\"1.41\",\"Os\":\"linux\",\"Arch\":\"amd64\","
                        + "\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"5.8.6\"}]}"),
                json("{\"Driver\":\"overlay\"}"));
        assertThat(c.podman()).isTrue();
        assertThat(c.store()).isEqualTo(EngineCapabilities.ImageStore.CONTAINERS_STORAGE);
        assertThat(c.volumeSubpaths()).as("its compatible API ignores Subpath").isFalse();
        assertThat(c.unsupported("RUN --mount=type=ssh", "no agent")).hasMessage(
                "Podman 5.8.6 (API 1.41) cannot do RUN --mount=type=ssh: no agent");
    }

    @Test
    void versionsCompareByNumbers() {
        assertThat(EngineCapabilities.atLeast("1.45", 1, 45)).isTrue();
        assertThat(EngineCapabilities.atLeast("1.9", 1, 45)).isFalse();
        assertThat(EngineCapabilities.atLeast("2.0", 1, 45)).isTrue();
        assertThat(EngineCapabilities.atLeast("5.8.6", 5, 8)).isTrue();
        assertThat(EngineCapabilities.atLeast("", 1, 0)).isFalse();
    }

    @Test
    void podmansBareCommitIdsGetTheDigestPrefixListsGive() {
        String hex = "c55f39a56f3cf61e48bd764db5b13447fd67a1e60f74175b193aa0f62056dfe1";
        assertThat(DockerEngine.imageId(hex)).isEqualTo("sha256:" + hex);
        assertThat(DockerEngine.imageId("sha256:" + hex)).isEqualTo("sha256:" + hex);
    }

    @Test
    void statusesThatCallersActOnHaveTypes() {
        assertThat(EngineException.forStatus(404, "gone")).isInstanceOf(EngineNotFoundException.class);
        assertThat(EngineException.forStatus(409, "busy")).isInstanceOf(EngineConflictException.class);
        assertThat(EngineException.forStatus(500, "boom")).isExactlyInstanceOf(EngineException.class);
    }
}
