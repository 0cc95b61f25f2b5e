package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Podman's layer directories are taken only where containers/storage's database vouches for each. */
class StorageLayersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENGINE_ROOT = "/var/lib/containers/storage";
    private static final String BASE = "a".repeat(64);
    private static final String TOP = "b".repeat(64);
    private static final String BASE_DIFF = "sha256:" + "1".repeat(64);
    private static final String TOP_DIFF = "sha256:" + "2".repeat(64);

    @TempDir
    Path here;

    @BeforeEach
    void store() throws IOException {
        Files.createDirectories(here.resolve("overlay").resolve(BASE).resolve("diff"));
        Files.createDirectories(here.resolve("overlay").resolve(TOP).resolve("diff"));
        Files.createDirectories(here.resolve("overlay-layers"));
        layers(BASE_DIFF, TOP_DIFF, BASE);
    }

    private void layers(String baseDiff, String topDiff, String topParent) throws IOException {
        Files.writeString(here.resolve("overlay-layers/layers.json"), "["
                + "{\"id\":\"" + BASE + "\",\"parent\":null,\"diff-digest\":\"" + baseDiff + "\"},"
                + "{\"id\":\"" + TOP + "\",\"parent\":\"" + topParent + "\",\"diff-digest\":\"" + topDiff + "\"}]");
    }

    private static JsonNode image(String driver) throws IOException {
        return JSON.readTree("{\"GraphDriver\":{\"Name\":\"" + driver + "\",\"Data\":{"
                + "\"LowerDir\":\"" + ENGINE_ROOT + "/overlay/" + BASE + "/diff\","
                + "\"UpperDir\":\"" + ENGINE_ROOT + "/overlay/" + TOP + "/diff\","
                + "\"WorkDir\":\"" + ENGINE_ROOT + "/overlay/" + TOP + "/work\"}},"
                + "\"RootFS\":{\"Layers\":[\"" + BASE_DIFF + "\",\"" + TOP_DIFF + "\"]}}");
    }

    private Optional<List<Path>> directories(JsonNode image) {
        return StorageLayers.directories(image, p -> p.equals(ENGINE_ROOT) ? Optional.of(here) : Optional.empty(), p -> true);
    }

    @Test
    void eachLayerIsItsDiffDirectoryBottomFirst() throws IOException {
        assertThat(directories(image("overlay"))).hasValue(List.of(
                here.resolve("overlay").resolve(BASE).resolve("diff"), here.resolve("overlay").resolve(TOP).resolve("diff")));
    }

    @Test
    void aLayerWhoseRecordedDigestIsNotTheImagesDiffIdIsRefused() throws IOException {
        layers(BASE_DIFF, "sha256:" + "3".repeat(64), BASE);
        assertThat(directories(image("overlay"))).isEmpty();
    }

    @Test
    void aLayerNotOnTheLayerBelowItIsRefused() throws IOException {
        layers(BASE_DIFF, TOP_DIFF, "c".repeat(64));
        assertThat(directories(image("overlay"))).isEmpty();
    }

    @Test
    void aLayerTheDatabaseDoesNotKnowIsRefused() throws IOException {
        Files.writeString(here.resolve("overlay-layers/layers.json"),
                "[{\"id\":\"" + BASE + "\",\"parent\":null,\"diff-digest\":\"" + BASE_DIFF + "\"}]");
        assertThat(directories(image("overlay"))).isEmpty();
    }

    @Test
    void aVolatileLayerIsFoundInTheSecondDatabase() throws IOException {
        Files.writeString(here.resolve("overlay-layers/layers.json"),
                "[{\"id\":\"" + BASE + "\",\"parent\":null,\"diff-digest\":\"" + BASE_DIFF + "\"}]");
        Files.writeString(here.resolve("overlay-layers/volatile-layers.json"),
                "[{\"id\":\"" + TOP + "\",\"parent\":\"" + BASE + "\",\"diff-digest\":\"" + TOP_DIFF + "\"}]");
        assertThat(directories(image("overlay"))).hasValueSatisfying(d -> assertThat(d).hasSize(2));
    }

    @Test
    void aDamagedDatabaseGivesNoDirectory() throws IOException {
        Files.writeString(here.resolve("overlay-layers/layers.json"), "[{\"id\":");
        assertThat(directories(image("overlay"))).isEmpty();
    }

    @Test
    void aMissingDirectoryOrAnUnseenStoreGivesNone() throws IOException {
        Files.delete(here.resolve("overlay").resolve(TOP).resolve("diff"));
        assertThat(directories(image("overlay"))).isEmpty();
        assertThat(StorageLayers.directories(image("overlay"), p -> Optional.empty(), p -> true)).isEmpty();
    }

    @Test
    void aRootlessStoreIsNotRead() throws IOException {
        assertThat(StorageLayers.directories(image("overlay"),
                p -> p.equals(ENGINE_ROOT) ? Optional.of(here) : Optional.empty(), p -> false)).isEmpty();
    }

    @Test
    void anotherDriverIsNotRead() throws IOException {
        assertThat(directories(image("overlay2"))).isEmpty();
        assertThat(directories(image("overlayfs"))).isEmpty();
    }
}
