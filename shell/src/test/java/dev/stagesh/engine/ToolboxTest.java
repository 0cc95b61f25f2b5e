package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerStartException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolboxTest {
    @Test
    void theToolboxIsFilledOnceAndMountedReadOnlyUnderDev() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        ContainerSpec.MountSpec mount = new Toolbox(engine).mount();
        new Toolbox(engine).mount();
        assertThat(mount).isEqualTo(new ContainerSpec.MountSpec(ContainerSpec.MountSpec.Kind.VOLUME, Toolbox.VOLUME,
                Toolbox.MOUNT, true));
        assertThat(engine.calls.stream().filter(c -> c.startsWith("run "))).hasSize(1);
        assertThat(engine.containers).isEmpty();
    }

    @Test
    void aCopyThatNeverRanLeavesNoEmptyToolboxForLaterSessions() {
        // as on an engine that cannot start containers yet: the next session must fill it again
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        engine.process = spec -> {
            throw new ContainerStartException("crun: cgroups in hybrid mode not supported");
        };
        assertThatThrownBy(() -> new Toolbox(engine).mount()).isInstanceOf(ContainerStartException.class);
        assertThat(engine.volumes).doesNotContainKey(Toolbox.VOLUME);
        assertThat(engine.containers).isEmpty();

        engine.process = spec -> 0;
        new Toolbox(engine).mount();
        assertThat(engine.volumes).containsKey(Toolbox.VOLUME);
    }
}
