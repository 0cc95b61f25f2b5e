package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchImageTest {
    @Test
    void theScratchImageIsTheOneTheEngineNamesNotItsConfigsDigest() {
        // the containerd store names an image by its manifest's digest
        FakeEngine engine = new FakeEngine(FakeEngine.docker28containerd());
        String configDigest = "sha256:" + ImageCommitter.sha256(ScratchImage.config("linux", "amd64"));

        String id = ScratchImage.ensure(engine, "linux", "amd64");

        assertThat(id).isNotEqualTo(configDigest);
        assertThat(engine.images).containsKey(id);
        assertThat(engine.images.get(id).layers()).containsExactly(ImageCommitter.EMPTY_LAYER);
    }

    @Test
    void itIsLoadedOnceAndFoundByItsTagAfterwards() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        String first = ScratchImage.ensure(engine, "linux", "amd64");
        String second = ScratchImage.ensure(engine, "linux", "amd64");
        assertThat(second).isEqualTo(first);
        assertThat(engine.calls.stream().filter(c -> c.startsWith("load "))).hasSize(1);
        assertThat(ScratchImage.ensure(engine, "linux", "arm64")).isNotEqualTo(first);
        assertThat(engine.tags).containsValue(first);
        assertThat(List.copyOf(engine.tags.keySet())).allMatch(t -> t.startsWith(ScratchImage.REPOSITORY + ":"));
    }
}
