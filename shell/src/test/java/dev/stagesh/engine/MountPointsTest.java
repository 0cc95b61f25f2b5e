package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** The notices the mount points gave. */
    private final List<String> notices = new ArrayList<>();

    private MountPoints mountPoints(FakeEngine engine) {
        return mountPoints(engine, false);
    }

    private MountPoints mountPoints(FakeEngine engine, boolean alwaysRewrite) {
        engine.createVolume(Toolbox.VOLUME, Map.of());
        return new MountPoints(engine, new SnapshotPaths(engine, new ArchiveContainers(engine, session.labels()),
                        new SnapshotInspector(engine, new dev.stagesh.fs.LayerIndexStore(indexes))),
                new Toolbox(engine), session.labels(),
                new MountPoints.Rewriting(new LayerRewriter(engine), alwaysRewrite, notices::add));
    }

    /** A RUN's committed layer holding the empty /scratch a tmpfs mount left, and the file the command wrote. */
    private static final byte[] BASE = SavedImages.layer("bin/", "", "bin/sh", "#!");
    private static final byte[] TOP = SavedImages.layer("out", "x", "scratch/", "");
    private static final byte[] WITHOUT_STUB = SavedImages.layer("out", "x");

    /** The top layer of the image as the engine last loaded it (the filter writes its own tar, so entries are compared). */
    private static Map<String, byte[]> loadedTop(FakeEngine engine, String image) {
        Map<String, byte[]> loaded = TestTars.read(engine.loads.get(engine.loads.size() - 1));
        String top = engine.images.get(image).layers().get(1);
        for (byte[] content : loaded.values()) {
            if (SavedImages.diffId(content).equals(top)) {
                return TestTars.read(content);
            }
        }
        throw new AssertionError("the load holds no layer " + top);
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
    void aHelperThatFailsLeavesTheCommitToTheRewriterWhichOnPodmanStreamsTheWholeImageBack() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        engine.upperDirs = id -> Optional.of("/upper/" + id);
        engine.process = spec -> 3;
        MountPoints.Planned planned = mountPoints(engine).plan(snapshot(base), List.of("/scratch"));
        String committed = SavedImages.add(engine, BASE, TOP, SavedImages.podman(BASE, TOP));
        planned.beforeCommit("c-run");

        String image = planned.afterCommit(committed);

        assertThat(image).isNotEqualTo(committed);
        assertThat(engine.images).doesNotContainKey(committed);
        assertThat(loadedTop(engine, image).keySet()).containsExactly("out");
        assertThat(notices).isEmpty();
    }

    @Test
    void aGraphDriverStoreThatNamesNoUpperDirHasTheCommitRewritten() {
        // vfs, btrfs, zfs: GraphDriver.Data names no UpperDir, and no directory of this machine holds the layer
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        MountPoints.Planned planned = mountPoints(engine).plan(snapshot(base), List.of("/scratch"));
        String committed = SavedImages.add(engine, BASE, TOP, SavedImages.legacy(BASE, TOP));
        planned.beforeCommit("c-run");

        String image = planned.afterCommit(committed);

        assertThat(image).isNotEqualTo(committed);
        assertThat(engine.images.get(image).layers()).containsExactly(SavedImages.diffId(BASE), SavedImages.diffId(WITHOUT_STUB));
        assertThat(loadedTop(engine, image).keySet()).containsExactly("out");
        assertThat(notices).isEmpty();
    }

    @Test
    void theTestSettingRewritesEvenWhereTheUpperDirIsNamedAndStartsNoHelper() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        engine.upperDirs = id -> Optional.of("/var/lib/docker/overlay2/" + id + "/diff");
        List<ContainerSpec> helpers = new ArrayList<>();
        engine.process = spec -> {
            helpers.add(spec);
            return 0;
        };
        MountPoints.Planned planned = mountPoints(engine, true).plan(snapshot(base), List.of("/scratch"));
        String committed = SavedImages.add(engine, BASE, TOP, SavedImages.legacy(BASE, TOP));
        planned.beforeCommit("c-run");

        String image = planned.afterCommit(committed);

        assertThat(helpers).isEmpty();
        assertThat(engine.images.get(image).layers().get(1)).isEqualTo(SavedImages.diffId(WITHOUT_STUB));
    }

    @Test
    void whereTheRewriteFailsTooTheImageStaysAndOneNoticeNamesTheEngineAndItsMountPoints() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String base = engine.addImage("busybox", List.of("sha256:b"), Map.of(), null, List.of()).id();
        MountPoints.Planned planned = mountPoints(engine).plan(snapshot(base), List.of("/run/secrets/tok"));
        // the engine refuses the save
        String committed = engine.addImage(null, List.of("sha256:b", "sha256:top"), Map.of(), null, List.of()).id();
        planned.beforeCommit("c-run");

        assertThat(planned.afterCommit(committed)).isEqualTo(committed);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).doesNotContain("\n")
                .startsWith("Docker 20.10.24 (API 1.41): the empty mount points /run/secrets/tok, /run/secrets, /run stay in this step's layer: ")
                .contains("save " + committed);
    }

    @Test
    void theTestSettingTakesRewriteAloneAndSaysWhatElseIsWrong() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        assertThat(MountPoints.Rewriting.from(engine, Map.of(), n -> { }).always()).isFalse();
        assertThat(MountPoints.Rewriting.from(engine, Map.of("STAGESH_MOUNT_POINTS", "rewrite"), n -> { }).always()).isTrue();
        assertThatThrownBy(() -> MountPoints.Rewriting.from(engine, Map.of("STAGESH_MOUNT_POINTS", "vfs"), n -> { }))
                .isInstanceOf(dev.stagesh.StageshException.class)
                .hasMessage("STAGESH_MOUNT_POINTS=vfs: the only value is 'rewrite' (a test setting)");
    }
}
