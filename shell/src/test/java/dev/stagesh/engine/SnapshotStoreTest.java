package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotStoreTest {
    private final SessionId session = new SessionId("s1", 1, "h");

    @Test
    void theCacheIndexIsReadOnceAndLearnsWhatTheSessionCommits() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Map<String, String> labels = new HashMap<>(new SessionId("old", 2, "h").labels());
        labels.put(SnapshotStore.CACHE_KEY, "k1");
        String cached = engine.addImage(null, List.of("sha256:a"), labels, null, List.of()).id();
        SnapshotStore store = new SnapshotStore(engine, session, true);

        assertThat(store.lookup("k1")).contains(cached);
        assertThat(store.lookup("k2")).isEmpty();
        store.created("sha256:new", "k2");
        assertThat(store.lookup("k2")).contains("sha256:new");
        assertThat(engine.calls.stream().filter(c -> c.startsWith("list images"))).hasSize(1);
    }

    @Test
    void noCacheNeitherReadsNorWritesIt() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        SnapshotStore store = new SnapshotStore(engine, session, false);
        assertThat(store.lookup("k1")).isEmpty();
        assertThat(store.labels("k1")).containsEntry(SnapshotStore.CACHE_KEY, "").containsEntry(SessionId.SESSION, "s1");
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aSnapshotWithoutAKeyCarriesAnEmptyOneSoItNeverInheritsItsParents() {
        SnapshotStore store = new SnapshotStore(new FakeEngine(FakeEngine.docker20()), session, true);
        assertThat(store.labels(null)).containsEntry(SnapshotStore.CACHE_KEY, "");
        assertThat(store.labels("k")).containsEntry(SnapshotStore.CACHE_KEY, "k");
    }

    @Test
    void theSessionsImagesGoNewestFirstAndCacheEntriesStay() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String a = engine.addImage(null, List.of("sha256:a"), Map.of(), null, List.of()).id();
        String b = engine.addImage(null, List.of("sha256:a", "sha256:b"), Map.of(), null, List.of()).id();
        String c = engine.addImage(null, List.of("sha256:a", "sha256:b", "sha256:c"), Map.of(), null, List.of()).id();
        SnapshotStore store = new SnapshotStore(engine, session, true);
        store.created(a, null);
        store.created(b, "kb");
        store.created(c, null);

        store.removeAll(false);

        assertThat(engine.calls).containsExactly("rmi " + c, "rmi " + a);
        assertThat(engine.images).containsOnlyKeys(b);
    }

    @Test
    void anEmptyLayerIsACommitThatAddedNone() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String parent = engine.addImage(null, List.of("sha256:a"), Map.of(), null, List.of()).id();
        String same = engine.addImage(null, List.of("sha256:a"), Map.of(), null, List.of()).id();
        String more = engine.addImage(null, List.of("sha256:a", "sha256:b"), Map.of(), null, List.of()).id();
        SnapshotStore store = new SnapshotStore(engine, session, true);
        Snapshot snap = new Snapshot(parent, ImageConfig.scratch("linux", "amd64"), 0, List.of(), 0);
        assertThat(store.emptyLayer(snap, same)).isTrue();
        assertThat(store.emptyLayer(snap, more)).isFalse();
    }
}
