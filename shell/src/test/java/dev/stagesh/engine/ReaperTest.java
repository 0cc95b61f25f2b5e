package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.ContainerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReaperTest {
    private static final Map<String, String> MINE = new SessionId("s-mine", 1, "h").labels();

    private static ContainerSpec spec(String image, Map<String, String> labels, String network) {
        return new ContainerSpec(image, List.of("sleep"), null, List.of(), "/", "0", labels, List.of(), network);
    }

    @Test
    void aSessionsContainersGoJoinersFirstOnPodmanWhateverOrderTheListGives() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String base = engine.addImage("busybox:latest", List.of("sha256:l1"), Map.of(), null, List.of()).id();
        // the holder is listed first: removing it first is what Podman refuses
        String holder = engine.createContainer(spec(base, MINE, null));
        String step1 = engine.createContainer(spec(base, MINE, "container:" + holder));
        String step2 = engine.createContainer(spec(base, MINE, "container:" + holder));
        String other = engine.createContainer(spec(base, new SessionId("s-other", 2, "h").labels(), null));

        Reaper.Pruned pruned = Reaper.reapSession(engine, "s-mine", false);

        assertThat(pruned.containers()).isEqualTo(3);
        assertThat(engine.containers).containsOnlyKeys(other);
        assertThat(engine.calls.indexOf("remove " + holder))
                .isGreaterThan(engine.calls.indexOf("remove " + step1))
                .isGreaterThan(engine.calls.indexOf("remove " + step2));
    }

    @Test
    void aSessionsCacheEntriesOutliveItAndEverythingElseOfItGoes() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        Map<String, String> cached = new HashMap<>(MINE);
        cached.put(SnapshotStore.CACHE_KEY, "key-1");
        Map<String, String> uncached = new HashMap<>(MINE);
        uncached.put(SnapshotStore.CACHE_KEY, "");
        String keep = engine.addImage(null, List.of("sha256:a"), cached, null, List.of()).id();
        String drop = engine.addImage(null, List.of("sha256:a", "sha256:b"), uncached, null, List.of()).id();
        engine.createVolume("stagesh-bind-1", MINE);
        engine.createVolume("stagesh-toolbox-1", Map.of(SessionId.SESSION, "toolbox"));

        Reaper.Pruned pruned = Reaper.reapSession(engine, "s-mine", false);

        assertThat(pruned).isEqualTo(new Reaper.Pruned(0, 1, 1));
        assertThat(engine.images).containsKey(keep).doesNotContainKey(drop);
        assertThat(engine.volumes).containsOnlyKeys("stagesh-toolbox-1");
    }

    @Test
    void onlyADeadSessionOfThisHostIsReaped() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String base = engine.addImage("busybox:latest", List.of("sha256:l1"), Map.of(), null, List.of()).id();
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        String host = SessionId.hostName();
        Map<String, String> dead = new SessionId("s-dead", finished.pid(), host).labels();
        Map<String, String> alive = new SessionId("s-alive", ProcessHandle.current().parent().orElseThrow().pid(), host).labels();
        Map<String, String> elsewhere = new SessionId("s-far", finished.pid(), "another-host").labels();
        String holder = engine.createContainer(spec(base, dead, null));
        engine.createContainer(spec(base, dead, "container:" + holder));
        String live = engine.createContainer(spec(base, alive, null));
        String far = engine.createContainer(spec(base, elsewhere, null));
        Map<String, String> deadImage = new HashMap<>(dead);
        deadImage.put(SnapshotStore.CACHE_KEY, "");
        engine.addImage(null, List.of("sha256:l1", "sha256:x"), deadImage, null, List.of());

        Reaper.Pruned pruned = Reaper.reapDeadSessions(engine);

        assertThat(pruned.containers()).isEqualTo(2);
        assertThat(pruned.images()).isEqualTo(1);
        assertThat(engine.containers).containsOnlyKeys(live, far);
    }
}
