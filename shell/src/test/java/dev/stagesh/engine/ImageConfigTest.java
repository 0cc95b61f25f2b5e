package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageConfigTest {
    @Test
    void scratchStartsAsBuildKitStartsIt() {
        // docker build (BuildKit) gives a FROM scratch stage WorkingDir "/" and the default PATH
        ImageConfig scratch = ImageConfig.scratch("linux", "amd64");
        assertThat(scratch.workingDir()).isEqualTo("/");
        assertThat(scratch.env()).containsExactly("PATH=" + ImageConfig.DEFAULT_PATH);
        assertThat(ConfigJson.of(scratch).path("WorkingDir").asText()).isEqualTo("/");
    }
}
