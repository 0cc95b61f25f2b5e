package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.FileTree;
import dev.stagesh.fs.LayerIndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot asked for as its step ends ({@link SnapshotInspector#prepare}) is indexed off the
 * caller's thread from a local engine's layer directories; where the engine has none, from the
 * indexes stored on disk when every layer has one, and nothing else is started (an index there
 * costs a save, begun only by a read).
 */
class SnapshotInspectorReadAheadTest {

    @TempDir
    Path tmp;

    @Test
    void aLocalSnapshotIsIndexedBeforeItsFirstRead() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Path base = Files.createDirectories(tmp.resolve("base/diff"));
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Path step = Files.createDirectories(tmp.resolve("step/diff"));
        Files.createDirectories(step.resolve("app"));
        Files.writeString(step.resolve("app/main.go"), "package main\n");
        String image = engine.addImage(null, List.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64)),
                Map.of(), null, List.of()).id();
        engine.layerDirectories.put(image, List.of(base, step));
        LayerIndexStore store = new LayerIndexStore(tmp.resolve("cache"));
        SnapshotInspector inspector = new SnapshotInspector(engine, store);

        inspector.prepare(image, null);
        waitFor(() -> store.contains("sha256:" + "b".repeat(64)));
        // the directories go: a read now could not walk them, so what it answers was read ahead
        delete(tmp.resolve("base"));
        delete(tmp.resolve("step"));

        Optional<FileTree> tree = inspector.indexedTree(image);
        assertThat(tree).isPresent();
        assertThat(tree.get().entry("/app/main.go")).map(FileEntry::size).contains(13L);
        assertThat(tree.get().entry("/etc/passwd")).isPresent();
        assertThat(engine.saves).isEmpty();
        inspector.close();
    }

    @Test
    void readingAheadWaitsForWhatItIsToldToFollow() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Path layer = Files.createDirectories(tmp.resolve("layer/diff"));
        Files.writeString(layer.resolve("f"), "x");
        String diffId = "sha256:" + "f".repeat(64);
        String image = engine.addImage(null, List.of(diffId), Map.of(), null, List.of()).id();
        engine.layerDirectories.put(image, List.of(layer));
        LayerIndexStore store = new LayerIndexStore(tmp.resolve("cache"));
        SnapshotInspector inspector = new SnapshotInspector(engine, store);
        var promptDrawn = new java.util.concurrent.CompletableFuture<Void>();
        inspector.readAheadAfter(promptDrawn);

        inspector.prepare(image, null);
        Thread.sleep(300);
        assertThat(store.contains(diffId)).as("nothing read before the prompt is drawn").isFalse();
        promptDrawn.complete(null);
        waitFor(() -> store.contains(diffId));
        inspector.close();
    }

    @Test
    void nothingIsReadAheadWhereTheEngineKeepsNoLayerDirectories() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        String image = engine.addImage(null, List.of("sha256:" + "c".repeat(64)), Map.of(), new byte[0], List.of()).id();
        LayerIndexStore store = new LayerIndexStore(tmp.resolve("cache"));
        SnapshotInspector inspector = new SnapshotInspector(engine, store);

        inspector.prepare(image, null);
        inspector.close();

        assertThat(engine.saves).isEmpty();
        assertThat(store.contains("sha256:" + "c".repeat(64))).isFalse();
    }

    @Test
    void withoutLayerDirectoriesTheStoredIndexesAreMergedAheadAndNothingIsSaved() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        String base = "sha256:" + "d".repeat(64);
        String step = "sha256:" + "e".repeat(64);
        String image = engine.addImage(null, List.of(base, step), Map.of(), new byte[0], List.of()).id();
        LayerIndexStore store = new LayerIndexStore(tmp.resolve("cache"));
        store.store(base, new dev.stagesh.fs.LayerChanges(List.of(dir("/etc"), file("/etc/passwd", 27)),
                List.of(), List.of()));
        store.store(step, new dev.stagesh.fs.LayerChanges(List.of(dir("/app"), file("/app/main.go", 13)),
                List.of(), List.of()));
        SnapshotInspector inspector = new SnapshotInspector(engine, store);

        inspector.prepare(image, null);
        waitFor(() -> inspector.viewBuilt(image));
        // the index files go: what a read answers now was merged ahead, from memory
        try (Stream<Path> files = Files.list(store.dir())) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Optional<FileTree> tree = inspector.indexedTree(image);
        assertThat(tree).isPresent();
        assertThat(tree.get().entry("/app/main.go")).map(FileEntry::size).contains(13L);
        assertThat(tree.get().entry("/etc/passwd")).isPresent();
        assertThat(engine.saves).isEmpty();
        inspector.close();
    }

    private static FileEntry dir(String path) {
        return new FileEntry(path, dev.stagesh.fs.EntryType.DIRECTORY, 0755, 0, 0, 0, java.time.Instant.EPOCH, null, 0, 0);
    }

    private static FileEntry file(String path, long size) {
        return new FileEntry(path, dev.stagesh.fs.EntryType.FILE, 0644, 0, 0, size, java.time.Instant.EPOCH, null, 0, 0);
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("read ahead within 20 s").isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
