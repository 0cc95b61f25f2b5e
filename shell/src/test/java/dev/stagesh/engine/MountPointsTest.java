package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which mount points a step's container leaves, and how each engine has them taken out (the fake engine's rules). */
class MountPointsTest {
    private final SessionId session = new SessionId("s1", 1, "h");

    private static Snapshot snapshot(String image) {
        return new Snapshot(image, ImageConfig.scratch("linux", "amd64"), 1, List.of(), 0);
    }

    /** No layer is indexed: every question goes to the engine, as on a remote engine never read before. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path indexes;

    private MountPoints mountPoints(FakeEngine engine) {
        engine.createVolume(Toolbox.VOLUME, Map.of());
        return new MountPoints(engine, new SnapshotPaths(engine, new ArchiveContainers(engine, session.labels()),
                        new SnapshotInspector(engine, new dev.stagesh.fs.LayerIndexStore(indexes))),
                new Toolbox(engine), session.labels(), new LayerRewriter(engine));
    }

    @Test
    void onPodmanItsOwnPlaceholdersAreMountPointsTooAndAHelperBindingTheUpperDirTakesThemOut() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        engine.upperDirs = id -> Optional.of("/var/lib/containers/storage/overlay/" + id + "/diff");
        List<ContainerSpec> helpers = new ArrayList<>();
        engine.process = spec -> {
            helpers.add(spec);
            return 0;
        };
        // the fake engine's snapshot has no paths at all: every one is missing
        MountPoints.Planned planned = mountPoints(engine).plan(snapshot(base), List.of("/run/secrets/tok"));
        assertThat(planned.created()).contains("/run/secrets/tok", "/run/secrets", "/run", "/etc/hostname",
                "/run/.containerenv", "/proc", "/dev").doesNotContain("/");
        assertThat(planned.created().indexOf("/run/secrets/tok")).isLessThan(planned.created().indexOf("/run/secrets"));

        var before = new java.util.HashSet<>(engine.containers.keySet());
        planned.beforeCommit("c-run");
        assertThat(engine.containers.keySet()).isEqualTo(before); // the helper came and went
        assertThat(helpers).hasSize(1);
        ContainerSpec helper = helpers.get(0);
        assertThat(helper.networkMode()).isEqualTo("none");
        assertThat(helper.labels()).containsAllEntriesOf(session.labels());
        assertThat(helper.mounts()).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(ContainerSpec.MountSpec.Kind.BIND);
            assertThat(m.source()).isEqualTo("/var/lib/containers/storage/overlay/c-run/diff");
        });
        assertThat(helper.entrypoint()).contains("./run/secrets/tok", "./etc/hostname", "--");
        assertThat(planned.afterCommit("sha256:committed")).isEqualTo("sha256:committed");
    }

    @Test
    void onDockerAStepWithoutMountsPlansNothingAndAsksNothing() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        MountPoints.Planned planned = mountPoints(engine).plan(snapshot(base), List.of());
        assertThat(planned.created()).isEmpty();
        int calls = engine.calls.size();
        planned.beforeCommit("c-run");
        assertThat(planned.afterCommit("sha256:committed")).isEqualTo("sha256:committed");
        assertThat(engine.calls).hasSize(calls);
    }

    @Test
    void aHelperThatFailsLeavesTheCommitToTheRewriterWhichAGraphDriverStoreNeverNeeds() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        engine.upperDirs = id -> Optional.of("/upper/" + id);
        engine.process = spec -> 3;
        MountPoints.Planned planned = mountPoints(engine).plan(snapshot(base), List.of("/scratch"));
        planned.beforeCommit("c-run");
        // Podman's store is no containerd store: the image stays as it is, its empty mount points with it
        assertThat(planned.afterCommit("sha256:committed")).isEqualTo("sha256:committed");
    }
}
