package dev.stagesh.engine;

import static dev.stagesh.engine.TestTars.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.Layer;
import dev.stagesh.fs.LayerIndexStore;
import dev.stagesh.fs.LayerTar;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code docker save} shared by every read that needs a snapshot's layers, and by the
 * background's indexing ahead ({@link SharedSaves} in {@link SnapshotInspector}), through the
 * fake engine on the containerd store, where layers are read only through a save.
 */
class SharedSavesTest {
    private static final byte[] BASE_LAYER = TestTars.of(Map.of("etc/os-release", utf8("base")));
    private static final byte[] STEP_LAYER = TestTars.of(Map.of("app/hi", utf8("hi")));
    private static final String BASE = diffId(BASE_LAYER);
    private static final String STEP = diffId(STEP_LAYER);

    @TempDir
    Path cache;
    private final FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
    private SnapshotInspector inspector;

    @AfterEach
    void close() {
        if (inspector != null) {
            inspector.close();
        }
    }

    private SnapshotInspector inspector() {
        inspector = new SnapshotInspector(engine, new LayerIndexStore(cache));
        return inspector;
    }

    @Test
    void readsOfASnapshotAndOfAnEarlierOneWaitForTheSaveUnderWayInsteadOfStartingTheirOwn() throws Exception {
        String base = image(List.of(BASE), ociSave(BASE_LAYER));
        String snap = image(List.of(BASE, STEP), ociSave(BASE_LAYER, STEP_LAYER));
        Held held = new Held();
        engine.saveStream = (image, in) -> held.wrap(in);
        SnapshotInspector inspector = inspector();

        CompletableFuture<List<Layer>> first = CompletableFuture.supplyAsync(() -> inspector.layers(snap));
        awaitTrue(() -> engine.saves.size() == 1);
        CompletableFuture<List<Layer>> again = CompletableFuture.supplyAsync(() -> inspector.layers(snap));
        // the earlier snapshot's layers are the bottom of the later one's: its save covers them
        CompletableFuture<List<Layer>> earlier = CompletableFuture.supplyAsync(() -> inspector.layers(base));
        Thread.sleep(300);
        assertThat(again).isNotDone();
        assertThat(earlier).isNotDone();
        held.release();

        assertThat(paths(first.get(10, TimeUnit.SECONDS))).containsExactly(List.of("/etc/os-release"), List.of("/app/hi"));
        assertThat(paths(again.get(10, TimeUnit.SECONDS))).isEqualTo(paths(first.get()));
        assertThat(paths(earlier.get(10, TimeUnit.SECONDS))).containsExactly(List.of("/etc/os-release"));
        assertThat(engine.saves.size()).isEqualTo(1);
    }

    @Test
    void theBackgroundsSaveGivesWayToTheOneAReadWaitsFor() throws Exception {
        String base = image(List.of(BASE), ociSave(BASE_LAYER));
        String snap = image(List.of(BASE, STEP), ociSave(BASE_LAYER, STEP_LAYER));
        Held baseSave = new Held();
        engine.saveStream = (image, in) -> image.equals(base) ? baseSave.wrap(in) : in;
        SnapshotInspector inspector = inspector();

        inspector.indexAhead(base);
        // the session's first read starts it
        assertThat(inspector.indexedTree(base)).isEmpty();
        awaitTrue(() -> engine.saves.size() == 1);
        List<Layer> layers = inspector.layers(snap);

        assertThat(paths(layers)).containsExactly(List.of("/etc/os-release"), List.of("/app/hi"));
        // the background's save was ended, not left to stream beside the read's
        awaitTrue(baseSave::closed);
        assertThat(engine.saves.size()).isEqualTo(2);
        // and the read's save indexed the base's layer too
        assertThat(paths(inspector.layers(base))).containsExactly(List.of("/etc/os-release"));
        assertThat(engine.saves.size()).isEqualTo(2);
    }

    @Test
    void theBackgroundsSaveStopsReadingWhileAPersonWaitsOnAReadOfTheArchive() throws Exception {
        String base = image(List.of(BASE), ociSave(BASE_LAYER));
        LayerIndexStore store = new LayerIndexStore(cache);
        SnapshotInspector inspector = inspector();

        InputStream read = inspector.foregroundRead(new ByteArrayInputStream(new byte[10]));
        inspector.indexAhead(base);
        inspector.indexedTree(base);
        awaitTrue(() -> engine.saves.size() == 1);
        Thread.sleep(300);
        assertThat(store.contains(BASE)).as("indexed while the read was under way").isFalse();
        read.close();

        awaitTrue(() -> store.contains(BASE));
    }

    @Test
    void aBaseImageIsIndexedAheadFromTheSessionsFirstReadOnAndNeverInASessionThatOnlyBuilds() throws Exception {
        String base = image(List.of(BASE), ociSave(BASE_LAYER));
        String snap = image(List.of(BASE, STEP), ociSave(BASE_LAYER, STEP_LAYER));
        SnapshotInspector inspector = inspector();

        inspector.indexAhead(base);
        Thread.sleep(300);
        assertThat(engine.saves).as("saves before any read").isEmpty();
        // a read of another snapshot: its own index waits 1.5 s, the base's begins at once
        assertThat(inspector.indexedTree(snap)).isEmpty();

        awaitTrue(() -> new LayerIndexStore(cache).contains(BASE));
        assertThat(new LayerIndexStore(cache).contains(STEP)).isFalse();
    }

    @Test
    void onAnOverlay2EngineNothingIsIndexedAhead() throws Exception {
        FakeEngine overlay = new FakeEngine(FakeEngine.docker20());
        String base = overlay.addImage(null, List.of(BASE), Map.of(), ociSave(BASE_LAYER), List.of()).id();
        inspector = new SnapshotInspector(overlay, new LayerIndexStore(cache));

        inspector.indexAhead(base);
        // a read: only the snapshot's own index follows, 1.5 s later
        assertThat(inspector.indexedTree(base)).isEmpty();
        Thread.sleep(300);

        assertThat(overlay.saves).isEmpty();
    }

    @Test
    void aLayerIndexedBeforeIsNotReadFromTheSave() {
        // the base's blob is not a tar at all: read, it would not give the base's file
        new LayerIndexStore(cache).store(BASE, LayerTar.read(new ByteArrayInputStream(BASE_LAYER)));
        String snap = image(List.of(BASE, STEP), ociSave(utf8("not a layer ".repeat(100)), STEP_LAYER));

        assertThat(paths(inspector().layers(snap))).containsExactly(List.of("/etc/os-release"), List.of("/app/hi"));
    }

    @Test
    void inPodmansLayoutTooALayerIndexedBeforeIsNotRead() {
        new LayerIndexStore(cache).store(BASE, LayerTar.read(new ByteArrayInputStream(BASE_LAYER)));
        String snap = image(List.of(BASE, STEP), podmanSave(List.of(BASE, STEP),
                List.of(utf8("not a layer ".repeat(100)), STEP_LAYER)));

        assertThat(paths(inspector().layers(snap))).containsExactly(List.of("/etc/os-release"), List.of("/app/hi"));
    }

    @Test
    void aSaveEndedMidwayKeepsTheLayersItPassed() {
        byte[] save = ociSave(BASE_LAYER, STEP_LAYER);
        String snap = image(List.of(BASE, STEP), save);
        // the archive's first entry is the base's blob: end the stream at the next one's header
        int cut = 512 + (BASE_LAYER.length + 511) / 512 * 512;
        engine.saveStream = (image, in) -> new ByteArrayInputStream(save, 0, cut);
        LayerIndexStore store = new LayerIndexStore(cache);

        assertThatThrownBy(() -> inspector().layers(snap)).isInstanceOf(RuntimeException.class);

        assertThat(store.contains(BASE)).isTrue();
        assertThat(store.contains(STEP)).isFalse();
    }

    // ---- images and their saves -------------------------------------------------------------------

    private String image(List<String> layers, byte[] save) {
        return engine.addImage(null, layers, Map.of(), save, List.of()).id();
    }

    private static String config(List<String> diffIds) {
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < diffIds.size(); i++) {
            history.append(i == 0 ? "" : ",").append("{\"created_by\":\"/bin/sh -c step").append(i).append("\"}");
        }
        return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + String.join("\",\"", diffIds) + "\"]},\"history\":[" + history + "]}";
    }

    /** As Docker 25+ saves: each layer a blob named by its diff ID (the real one, whatever bytes it is given). */
    private static byte[] ociSave(byte[]... layers) {
        List<String> ids = layers.length == 1 ? List.of(BASE) : List.of(BASE, STEP);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            String name = "blobs/sha256/" + ids.get(i).substring("sha256:".length());
            files.put(name, layers[i]);
            names.add(name);
        }
        byte[] config = utf8(config(ids));
        String configName = "blobs/sha256/" + diffId(config).substring("sha256:".length());
        files.put(configName, config);
        files.put("manifest.json", utf8("[{\"Config\":\"" + configName + "\",\"Layers\":[\"" + String.join("\",\"", names) + "\"]}]"));
        return TestTars.of(files);
    }

    /** As Podman saves: each layer at the top as {@code HEX.tar}, named by its diff ID. */
    private static byte[] podmanSave(List<String> ids, List<byte[]> layers) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String name = ids.get(i).substring("sha256:".length()) + ".tar";
            files.put(name, layers.get(i));
            names.add(name);
        }
        byte[] config = utf8(config(ids));
        String configName = diffId(config).substring("sha256:".length()) + ".json";
        files.put(configName, config);
        files.put("manifest.json", utf8("[{\"Config\":\"" + configName + "\",\"Layers\":[\"" + String.join("\",\"", names) + "\"]}]"));
        return TestTars.of(files);
    }

    private static String diffId(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<String>> paths(List<Layer> layers) {
        return layers.stream().map(l -> l.changes().entries().stream().map(FileEntry::path)
                .filter(p -> !p.equals("/etc") && !p.equals("/app")).toList()).toList();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
            Thread.sleep(10);
        }
    }

    /** Save streams held back until released, as an engine's save is while it writes the archive; closing one ends it. */
    private static final class Held {
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean closed;

        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    hold();
                    return super.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    hold();
                    return super.read(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    closed = true;
                    released.countDown();
                    super.close();
                }

                private void hold() throws IOException {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    if (closed) {
                        throw new IOException("the stream was closed");
                    }
                }
            };
        }

        void release() {
            released.countDown();
        }

        boolean closed() {
            return closed;
        }
    }
}
