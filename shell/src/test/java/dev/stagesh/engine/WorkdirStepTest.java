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
    private final FakeEngine engine = new FakeEngine(FakeEngine.docker20());
    private final Map<String, String> labels = new SessionId("s1", 1, "h").labels();

    private WorkdirStep workdirs() {
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        Toolbox toolbox = new Toolbox(engine);
        ActiveSteps active = new ActiveSteps(engine);
        StepContainers containers = new StepContainers(engine, new NetworkHolder(engine, toolbox, labels), active);
        SnapshotStore store = new SnapshotStore(engine, new SessionId("s1", 1, "h"), false);
        ArchiveContainers archives = new ArchiveContainers(engine, labels);
        FileCopier copier = new FileCopier(engine, archives, store,
                dev.stagesh.context.BuildContext.open(java.nio.file.Path.of(".")), labels, StepListener.SILENT);
        SnapshotPaths paths = new SnapshotPaths(engine, archives);
        MountPoints mountPoints = new MountPoints(engine, paths, toolbox, labels, new LayerRewriter(engine));
        return new WorkdirStep(containers, toolbox, store, StepListener.SILENT, paths, mountPoints, copier);
    }

    private StepOutcome base() {
        String image = engine.addImage("busybox", List.of("sha256:b1"), Map.of(), null, List.of()).id();
        ImageConfig config = ImageConfig.scratch("linux", "amd64");
        return new StepOutcome(new Snapshot(image, config, 1, List.of(), 0), Duration.ZERO, false, false);
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
