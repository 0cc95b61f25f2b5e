package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.docker.EngineException;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.LayerIndexStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot the session removed is forgotten ({@link SnapshotInspector#forget}): asked of again, it
 * goes to the engine, which no longer has it; a snapshot that shares its base layer still reads it.
 * (What forgetting saves in memory over a long session is SoakIT's to measure.)
 */
class SnapshotInspectorForgetTest {
    private static final String BASE = "sha256:" + "a".repeat(64);
    private static final String KEPT_TOP = "sha256:" + "b".repeat(64);
    private static final String DROPPED_TOP = "sha256:" + "c".repeat(64);

    @TempDir
    Path tmp;

    private Path layer(String name, String file) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name + "/diff"));
        Files.writeString(dir.resolve(file), name + "\n");
        return dir;
    }

    @Test
    void aForgottenSnapshotIsAskedOfTheEngineAgainAndItsSiblingStillReadsTheSharedBase() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Path base = layer("base", "base.txt");
        String kept = engine.addImage(null, List.of(BASE, KEPT_TOP), Map.of(), null, List.of()).id();
        String dropped = engine.addImage(null, List.of(BASE, DROPPED_TOP), Map.of(), null, List.of()).id();
        engine.layerDirectories.put(kept, List.of(base, layer("kept", "kept.txt")));
        engine.layerDirectories.put(dropped, List.of(base, layer("dropped", "dropped.txt")));
        SnapshotInspector inspector = new SnapshotInspector(engine, new LayerIndexStore(tmp.resolve("cache")));
        try {
            assertThat(inspector.layers(dropped)).hasSize(2);
            assertThat(inspector.layers(kept)).hasSize(2);

            engine.removeImage(dropped);
            inspector.forget(dropped);

            assertThatThrownBy(() -> inspector.layers(dropped)).isInstanceOf(EngineException.class)
                    .hasMessageContaining("gone from the engine");
            assertThat(inspector.layers(kept).get(0).changes().entries()).extracting(FileEntry::path)
                    .contains("/base.txt");
            assertThat(inspector.indexedTree(kept).orElseThrow().entry("/kept.txt")).isPresent();
        } finally {
            inspector.close();
        }
    }
}
