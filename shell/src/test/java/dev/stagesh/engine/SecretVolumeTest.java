package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.ContainerSpec.MountSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretVolumeTest {
    @Test
    void secretsGoThroughTheApiIntoAMemoryVolumeHeldWhileTheStepRuns(@TempDir Path dir) throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t");
        Map<String, String> labels = new SessionId("s1", 1, "h").labels();
        List<String> notices = new java.util.ArrayList<>();
        SecretVolume secrets = new SecretVolume(engine, new Toolbox(engine), labels, notices::add);

        MountSpec mount = secrets.add(new SecretVolume.Secret("tok", token, "/run/secrets/tok", 0400, 0, 0));
        secrets.write();

        assertThat(mount.kind()).isEqualTo(MountSpec.Kind.VOLUME);
        assertThat(mount.subpath()).isEqualTo("tok");
        assertThat(mount.readOnly()).isTrue();
        assertThat(mount.target()).isEqualTo("/run/secrets/tok");
        assertThat(engine.calls).contains("memory volume " + mount.source());
        FakeEngine.Container keeper = engine.containers.values().stream()
                .filter(c -> c.spec.mounts().stream().anyMatch(m -> mount.source().equals(m.source())))
                .findFirst().orElseThrow();
        // written into a running keeper: a tmpfs volume nothing holds loses its files
        assertThat(keeper.running).isTrue();
        assertThat(keeper.spec.networkMode()).isEqualTo("none");
        byte[] tar = keeper.archives.get(0).getValue();
        assertThat(TestTars.read(tar)).containsOnlyKeys("tok");
        assertThat(new String(TestTars.read(tar).get("tok"))).isEqualTo("s3cr3t");
        assertThat(TestTars.modes(tar)).containsEntry("tok", 0400);

        assertThat(notices).isEmpty();

        secrets.close();
        assertThat(engine.containers).isEmpty();
        assertThat(engine.volumes).doesNotContainKey(mount.source());
    }

    @Test
    void anEngineThatCannotMountAMemoryVolumeGetsAPlainOneAndTheUserIsTold(@TempDir Path dir) throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        engine.memoryVolumesMount = false;
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t");
        List<String> notices = new java.util.ArrayList<>();
        SecretVolume secrets = new SecretVolume(engine, new Toolbox(engine), Map.of(), notices::add);

        var bind = secrets.addAsBind(new SecretVolume.Secret("tok", token, "/root/.token", 0400, 0, 0));
        secrets.write();
        MountSpec mount = bind.get();

        // Podman ignores Subpath: the file is bound from where the volume is in the engine's filesystem
        assertThat(mount.kind()).isEqualTo(MountSpec.Kind.BIND);
        assertThat(mount.target()).isEqualTo("/root/.token");
        assertThat(mount.readOnly()).isTrue();
        String volume = engine.volumes.keySet().stream().filter(v -> v.startsWith("stagesh-secret-")).findFirst().orElseThrow();
        assertThat(mount.source()).isEqualTo("/var/lib/engine/volumes/" + volume + "/_data/tok");
        assertThat(engine.volumes).containsKey(volume);
        assertThat(engine.memoryVolumes).doesNotContain(volume);
        assertThat(notices).singleElement().asString()
                .startsWith("Podman 5.8.6 (API 1.44) cannot mount a memory-backed volume")
                .endsWith("this RUN's secrets are on the engine's disk until the step ends");
        secrets.close();
        assertThat(engine.volumes).doesNotContainKey(volume);
        assertThat(engine.containers).isEmpty();
    }

    @Test
    void aRunWithoutSecretsCreatesNothing() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        SecretVolume secrets = new SecretVolume(engine, new Toolbox(engine), Map.of(), line -> { });
        secrets.write();
        secrets.close();
        assertThat(engine.calls).isEmpty();
    }
}
