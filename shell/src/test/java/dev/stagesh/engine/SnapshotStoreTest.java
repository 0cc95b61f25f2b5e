package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void aStepOnASnapshotWithoutAKeyGetsNoneAndNeitherDoItsChildren() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        SnapshotStore store = new SnapshotStore(engine, session, true);
        CacheKey key = new CacheKey("sha256:kept", "RUN true");
        assertThat(store.key(snap("sha256:kept"), key)).isEqualTo(key.digest());
        store.created("sha256:kept", null); // shell --keep, a failed step
        assertThat(store.key(snap("sha256:kept"), key)).isNull();
        store.created("sha256:after", store.key(snap("sha256:kept"), key));
        assertThat(store.key(snap("sha256:after"), new CacheKey("sha256:after", "RUN true"))).isNull();
        assertThat(store.lookup(null)).isEmpty();
        store.removeAll(false);
        assertThat(engine.calls).as("neither is a cache entry, and no key was looked up")
                .containsExactly("rmi sha256:after", "rmi sha256:kept");
    }

    @Test
    void whatTheSessionStoodOnAndLeftIsDroppedNewestFirstButCacheEntriesAndNeverStoodOnOnes() {
        SnapshotStore store = new SnapshotStore(new FakeEngine(FakeEngine.docker20()), session, true);
        store.created("sha256:trigger", null); // an ONBUILD trigger's, under the FROM's: never stood on
        store.created("sha256:from", null);
        store.created("sha256:cached", "k");
        store.created("sha256:a", null);
        store.created("sha256:b", null);
        assertThat(store.dropped(Set.of("sha256:from", "sha256:cached", "sha256:a", "sha256:b"))).isEmpty();
        assertThat(store.dropped(Set.of("sha256:from"))).containsExactly("sha256:b", "sha256:a");
        assertThat(store.dropped(Set.of("sha256:from"))).as("asked once").isEmpty();
        assertThat(store.dropped(Set.of())).containsExactly("sha256:from");
    }

    @Test
    void aDroppedImageGoesAtOnceUnlessSomethingStillUsesItThenAtTheEnd() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String a = engine.addImage(null, List.of("sha256:a"), Map.of(), null, List.of()).id();
        String b = engine.addImage(null, List.of("sha256:a", "sha256:b"), Map.of(), null, List.of()).id();
        SnapshotStore store = new SnapshotStore(engine, session, false);
        store.created(a, null);
        store.created(b, null);
        String holder = engine.createContainer(new dev.stagesh.docker.ContainerSpec(a, List.of("sleep"), List.of(),
                List.of(), "/", "0", Map.of(), List.of(), null));
        store.discard(b);
        store.discard(a);
        assertThat(engine.images).containsOnlyKeys(a);
        engine.calls.clear();
        store.removeAll(true);
        assertThat(engine.calls).as("only what is left, once").containsExactly("rmi " + a);
        assertThat(holder).isNotEmpty();
    }

    private static Snapshot snap(String image) {
        return new Snapshot(image, ImageConfig.scratch("linux", "amd64"), 0, List.of(), 0);
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
