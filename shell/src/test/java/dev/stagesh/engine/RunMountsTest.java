package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.context.BuildContext;
import dev.stagesh.docker.ContainerSpec.MountSpec;
import dev.stagesh.docker.EngineCapabilities;
import dev.stagesh.docker.UnsupportedEngineFeatureException;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bind mount of one file: mounted as one path of its volume where the engine can (Subpath),
 * else bound from where the volume is in the engine's own filesystem, filled before the RUN's
 * container exists; never from a path of this machine, which an engine in a root of its own or
 * a remote one cannot see. Where the engine can do neither, one line names it, its version and
 * the feature, and nothing is left behind.
 */
class RunMountsTest {
    @TempDir
    Path context;
    @TempDir
    Path indexes;

    private final Map<String, String> labels = new SessionId("s1", 1, "h").labels();

    private RunMounts mounts(FakeEngine engine) throws Exception {
        Files.writeString(context.resolve("f.json"), "{}\n");
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        Toolbox toolbox = new Toolbox(engine);
        BuildContext build = BuildContext.open(context);
        ArchiveContainers archives = new ArchiveContainers(engine, labels);
        SnapshotPaths paths = new SnapshotPaths(engine, archives,
                new SnapshotInspector(engine, new dev.stagesh.fs.LayerIndexStore(indexes)));
        SnapshotStore store = new SnapshotStore(engine, new SessionId("s1", 1, "h"), false);
        FileCopier copier = new FileCopier(engine, archives, paths, store, build, labels, StepListener.SILENT);
        return new RunMounts(engine, toolbox, build, copier, labels, Map.of(), notice -> { });
    }

    private static Instruction.Run run(String line) {
        return (Instruction.Run) Dockerfile.parse("FROM busybox\n" + line + "\n", "Dockerfile").stages().get(0)
                .instructions().get(0);
    }

    @Test
    void withoutSubpathTheFileIsBoundFromItsVolumeInTheEnginesFilesystem() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        RunMounts mounts = mounts(engine);
        try (RunMounts.Prepared prepared = mounts.prepare(
                run("RUN --mount=type=bind,source=f.json,target=/app/f.json cat /app/f.json"), StepSources.NONE, "/")) {
            MountSpec bind = prepared.mounts().get(0);
            String volume = engine.volumes.keySet().stream().filter(v -> v.startsWith("stagesh-bind-")).findFirst().orElseThrow();
            assertThat(bind.kind()).isEqualTo(MountSpec.Kind.BIND);
            assertThat(bind.source()).isEqualTo("/var/lib/engine/volumes/" + volume + "/_data/f.json");
            assertThat(bind.target()).isEqualTo("/app/f.json");
            assertThat(bind.readOnly()).as("BuildKit binds read-only unless rw").isTrue();
            assertThat(engine.volumes.get(volume)).containsAllEntriesOf(labels);
            // filled already, through a helper that mounts the volume (the engine checks a bind's source at create)
            FakeEngine.Container helper = engine.containers.values().stream().findFirst().orElse(null);
            assertThat(helper).as("the helper is removed once the file is written").isNull();
            byte[] tar = engine.puts.entrySet().stream().filter(e -> e.getKey().endsWith(" /fill"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            assertThat(new String(TestTars.read(tar).get("f.json"))).isEqualTo("{}\n");
        }
        assertThat(engine.volumes).isEmpty();
    }

    @Test
    void withSubpathTheFileIsOnePathOfItsVolumeFilledOnceTheContainerExists() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        RunMounts mounts = mounts(engine);
        try (RunMounts.Prepared prepared = mounts.prepare(
                run("RUN --mount=type=bind,source=f.json,target=f.json,rw cat f.json"), StepSources.NONE, "/w")) {
            MountSpec mount = prepared.mounts().get(0);
            assertThat(mount.kind()).isEqualTo(MountSpec.Kind.VOLUME);
            assertThat(mount.subpath()).isEqualTo("f.json");
            assertThat(mount.target()).isEqualTo("/w/f.json");
            assertThat(mount.readOnly()).as("rw").isFalse();
            assertThat(engine.puts).isEmpty();
            prepared.populate("c-run");
            assertThat(engine.puts.keySet()).anyMatch(k -> k.endsWith(" /fill"));
        }
        assertThat(engine.volumes).isEmpty();
    }

    @Test
    void anEngineThatCanDoNeitherIsNamedInOneLineAndNothingIsLeft() throws Exception {
        FakeEngine engine = new FakeEngine(new EngineCapabilities(EngineCapabilities.Product.DOCKER, "24.0.7", "1.43",
                EngineCapabilities.ImageStore.GRAPH_DRIVER, "linux", "amd64"));
        engine.volumePaths = false;
        RunMounts mounts = mounts(engine);
        assertThatThrownBy(() -> mounts.prepare(run("RUN --mount=type=bind,source=f.json,target=/app/f.json true"),
                StepSources.NONE, "/"))
                .isInstanceOf(UnsupportedEngineFeatureException.class)
                .hasMessageMatching("line 2: RUN: Docker 24\\.0\\.7 \\(API 1\\.43\\) cannot do a bind mount of the single"
                        + " file f\\.json: it mounts no single file of a volume \\(API 1\\.45, Docker 26\\) and names no"
                        + " path for volume stagesh-bind-[0-9a-f-]{12}")
                .hasMessageNotContaining("\n");
        assertThat(engine.volumes).isEmpty();
        assertThat(engine.containers).isEmpty();
    }

    /** BuildKit creates a cache with the uid, gid and mode its mount names; an existing one keeps its own. */
    @Test
    void aNewCacheGetsTheOwnerAndModeItsMountNamesOnce() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        RunMounts mounts = mounts(engine);
        List<List<String>> ran = new java.util.ArrayList<>();
        engine.process = spec -> {
            if (spec.entrypoint().get(0).equals(Toolbox.BUSYBOX)) { // not the toolbox's own filling
                ran.add(spec.entrypoint());
            }
            return 0;
        };
        Instruction.Run r = run("RUN --mount=type=cache,id=npm,target=/home/app/.npm,uid=1000,mode=0750 true");
        for (int i = 0; i < 2; i++) {
            try (RunMounts.Prepared prepared = mounts.prepare(r, StepSources.NONE, "/")) {
                assertThat(prepared.mounts().get(0).kind()).isEqualTo(MountSpec.Kind.VOLUME);
            }
        }
        assertThat(ran).singleElement().satisfies(cmd -> assertThat(cmd).endsWith("chown 1000:0 /cache && chmod 750 /cache"));
        assertThat(engine.containers).as("the helper is removed").isEmpty();
        assertThat(engine.volumes.values()).as("the cache stays").anySatisfy(l -> assertThat(l).containsEntry(
                RunMounts.CACHE_VOLUME_LABEL, "npm"));

        ran.clear();
        try (RunMounts.Prepared prepared = mounts.prepare(run("RUN --mount=type=cache,target=/plain true"),
                StepSources.NONE, "/")) {
            assertThat(ran).as("a cache naming no owner or mode").isEmpty();
        }
    }
}
