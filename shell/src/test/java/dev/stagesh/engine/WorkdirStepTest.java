package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.PathStat;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WORKDIR costs a container only where it changes files: a directory the snapshot has, or the
 * root, is the config change alone, carried in memory as a metadata step is, and its snapshot
 * is the parent's image; a missing one is made with mkdir -p in a container and committed.
 */
class WorkdirStepTest {
    private static final long DIR = 1L << 31;
    /** A diff ID shaped as the engine's are, so the layer index takes it. */
    private static final String BASE_LAYER = "sha256:" + "b1".repeat(32);
    /** The layer indexes on disk: none unless a test writes one. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path indexes;
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path layerDir;
    /** Whether the base images made from here on have their layer unpacked in {@link #layerDir}. */
    private boolean baseLayerOnDisk;
    private final FakeEngine engine = new FakeEngine(FakeEngine.docker20());
    private final Map<String, String> labels = new SessionId("s1", 1, "h").labels();

    private WorkdirStep workdirs() {
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        Toolbox toolbox = new Toolbox(engine);
        ActiveSteps active = new ActiveSteps(engine);
        StepContainers containers = new StepContainers(engine, new NetworkHolder(engine, toolbox, labels), active);
        SnapshotStore store = new SnapshotStore(engine, new SessionId("s1", 1, "h"), false);
        ArchiveContainers archives = new ArchiveContainers(engine, labels);
        SnapshotPaths paths = new SnapshotPaths(engine, archives, new SnapshotInspector(engine, new dev.stagesh.fs.LayerIndexStore(indexes)));
        FileCopier copier = new FileCopier(engine, archives, paths, store,
                dev.stagesh.context.BuildContext.open(java.nio.file.Path.of(".")), labels, StepListener.SILENT);
        MountPoints mountPoints = new MountPoints(engine, paths, toolbox, labels,
                new MountPoints.Rewriting(new LayerRewriter(engine), false, notice -> { }));
        return new WorkdirStep(containers, toolbox, store, StepListener.SILENT, paths, mountPoints, copier);
    }

    private StepOutcome base() {
        return base("");
    }

    private StepOutcome base(String user) {
        String image = engine.addImage("busybox", List.of(BASE_LAYER), Map.of(), null, List.of()).id();
        if (baseLayerOnDisk) {
            engine.layerDirectories.put(image, List.of(layerDir));
        }
        ImageConfig config = ImageConfig.scratch("linux", "amd64");
        if (!user.isEmpty()) {
            config = config.withUser(user);
        }
        return new StepOutcome(new Snapshot(image, config, 1, List.of(), 0), Duration.ZERO, false, false);
    }

    /**
     * The base image's one layer unpacked where a local engine keeps it (a real directory, walked as
     * the engine's would be): /tmp, /etc with an app user (1000:1001), /home a symbolic link to /tmp.
     */
    private void layerOnDisk() throws java.io.IOException {
        java.nio.file.Files.createDirectories(layerDir.resolve("tmp"));
        java.nio.file.Files.createDirectories(layerDir.resolve("etc"));
        java.nio.file.Files.writeString(layerDir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/tmp:/bin/sh\n");
        java.nio.file.Files.writeString(layerDir.resolve("etc/group"), "root:x:0:\napps:x:1001:\n");
        java.nio.file.Files.createSymbolicLink(layerDir.resolve("home"), java.nio.file.Path.of("tmp"));
        baseLayerOnDisk = true;
    }

    private static Map<String, org.apache.commons.compress.archivers.tar.TarArchiveEntry> entries(byte[] tar) throws java.io.IOException {
        Map<String, org.apache.commons.compress.archivers.tar.TarArchiveEntry> out = new java.util.LinkedHashMap<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), e);
            }
        }
        return out;
    }

    @Test
    void onALocalEngineTheLayerIndexAnswersWithoutAnyContainer() throws java.io.IOException {
        layerOnDisk();
        WorkdirStep steps = workdirs();
        StepOutcome before = base();
        engine.calls.clear();

        StepOutcome tmp = steps.execute(workdir("/tmp"), before);

        assertThat(tmp.snapshot().imageId()).isEqualTo(before.snapshot().imageId());
        assertThat(tmp.snapshot().history()).extracting(HistoryEntry::createdBy).containsExactly("WORKDIR /tmp");
        assertThat(tmp.snapshot().history()).allMatch(HistoryEntry::emptyLayer);
        // the engine says nothing here: the fake's stat would say /tmp is missing
        assertThat(engine.calls).noneMatch(c -> c.startsWith("create "));
        assertThat(engine.stats).hasValue(0);
    }

    @Test
    void aMissingDirectoryUnderAUserIsMadeFromTheIndexAndTheLayersOwnPasswd() throws java.io.IOException {
        layerOnDisk();
        WorkdirStep steps = workdirs();
        StepOutcome before = base("app");
        engine.calls.clear();

        StepOutcome app = steps.execute(workdir("/tmp/a/b"), before);

        assertThat(app.snapshot().engineCommits()).isEqualTo(1);
        assertThat(app.snapshot().config().workingDir()).isEqualTo("/tmp/a/b");
        // one container, the writer: no reader for the stats nor for /etc/passwd (the fake's archive has none)
        List<String> created = engine.calls.stream().filter(c -> c.startsWith("create ")).toList();
        assertThat(created).hasSize(1);
        String writer = created.get(0).split(" ")[1];
        assertThat(engine.stats).hasValue(0);
        var written = entries(engine.puts.get(writer + " /"));
        assertThat(written.keySet()).containsExactly("tmp/a/", "tmp/a/b/");
        assertThat(written.values()).allSatisfy(e -> {
            assertThat(e.getLongUserId()).isEqualTo(1000);
            assertThat(e.getLongGroupId()).isEqualTo(1001);
        });
    }

    @Test
    void aSymbolicLinkOnTheWayIsLeftToTheEngine() throws java.io.IOException {
        layerOnDisk();
        WorkdirStep steps = workdirs();
        StepOutcome before = base();
        engine.paths.put("/home/x", new PathStat("x", 4096, DIR | 0755, "", ""));
        engine.calls.clear();

        StepOutcome home = steps.execute(workdir("/home/x"), before);

        // the engine resolves /home to /tmp and says /home/x is there: its answer, through a reader
        assertThat(home.snapshot().imageId()).isEqualTo(before.snapshot().imageId());
        assertThat(engine.stats.get()).isPositive();
        assertThat(engine.calls.stream().filter(c -> c.startsWith("create "))).hasSize(1);
    }

    private static Instruction.Workdir workdir(String path) {
        return (Instruction.Workdir) Dockerfile.parse("FROM busybox\nWORKDIR " + path + "\n", "Dockerfile")
                .stages().get(0).instructions().get(0);
    }

    @Test
    void aDirectoryTheSnapshotHasCostsNoContainer() {
        WorkdirStep steps = workdirs();
        StepOutcome before = base();
        engine.paths.put("/tmp", new PathStat("tmp", 4096, DIR | 01777, "", ""));
        engine.calls.clear();

        StepOutcome tmp = steps.execute(workdir("/tmp"), before);
        StepOutcome root = steps.execute(workdir("/"), tmp);

        assertThat(tmp.snapshot().imageId()).isEqualTo(before.snapshot().imageId());
        assertThat(tmp.snapshot().config().workingDir()).isEqualTo("/tmp");
        assertThat(root.snapshot().config().workingDir()).isEqualTo("/");
        assertThat(root.snapshot().history()).extracting(HistoryEntry::createdBy).containsExactly("WORKDIR /tmp", "WORKDIR /");
        assertThat(root.snapshot().history()).allMatch(HistoryEntry::emptyLayer);
        assertThat(root.snapshot().engineCommits()).isZero();
        // the one container is the reader the stat of /tmp went through: never started, nothing committed
        assertThat(engine.calls).noneMatch(c -> c.startsWith("start ") || c.startsWith("commit "));
        assertThat(engine.calls.stream().filter(c -> c.startsWith("create "))).hasSize(1);
    }

    @Test
    void aMissingDirectoryIsWrittenAsATarIntoAContainerNeverStartedAndCommitted() {
        WorkdirStep steps = workdirs();
        StepOutcome before = base();
        engine.calls.clear();

        StepOutcome app = steps.execute(workdir("/opt/app"), before);

        assertThat(app.snapshot().imageId()).isNotEqualTo(before.snapshot().imageId());
        assertThat(app.snapshot().engineCommits()).isEqualTo(1);
        assertThat(app.snapshot().config().workingDir()).isEqualTo("/opt/app");
        assertThat(engine.calls).anyMatch(c -> c.startsWith("commit ")).noneMatch(c -> c.startsWith("start "));
        // a tar put at / into a container of the parent snapshot, that container committed
        String writer = engine.calls.stream().filter(c -> c.startsWith("put ") && c.endsWith(" /"))
                .map(c -> c.split(" ")[1]).findFirst().orElseThrow();
        assertThat(engine.calls).contains("create " + writer + " " + before.snapshot().imageId() + " none")
                .anyMatch(c -> c.startsWith("commit " + writer + " "));
    }
}
