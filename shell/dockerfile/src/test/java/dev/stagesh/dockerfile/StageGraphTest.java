package dev.stagesh.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageGraphTest {
    private static final String MULTI = """
            FROM golang AS Base
            RUN go version
            FROM alpine AS tools
            FROM base AS build
            RUN --mount=type=cache,target=/c --mount=from=tools,source=/t,target=/t true
            FROM base AS unrelated
            FROM scratch AS final
            COPY --from=BUILD /out /out
            COPY --from=0 /x /x
            COPY --from=nginx:latest /etc/nginx /etc/nginx
            """;

    private static List<String> names(List<Stage> stages) {
        return stages.stream().map(Stage::displayName).toList();
    }

    @Test
    void requiredFollowsFromCopyAndMountAndExcludesTheRest() {
        Dockerfile df = Dockerfile.parse(MULTI, "Dockerfile");
        StageGraph g = new StageGraph(df);
        assertThat(names(g.required(df.stage("final")))).containsExactly("0 (base)", "1 (tools)", "2 (build)",
                "4 (final)");
        assertThat(names(g.required(df.stage("unrelated")))).containsExactly("0 (base)", "3 (unrelated)");
        assertThat(g.dependencies(df.stage("build"))).containsExactly(0, 1);
        assertThat(g.baseStage(df.stage("build"))).map(Stage::index).contains(0);
        assertThat(g.baseImage(df.stage("tools"))).contains("alpine");
    }

    @Test
    void mountFromNamingALaterStageIsAnError() {
        Dockerfile df = Dockerfile.parse("FROM a\nRUN --mount=from=later,target=/t true\nFROM b AS later\n", "D");
        assertThatThrownBy(() -> new StageGraph(df)).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("cannot mount from stage \"later\"");
    }

    @Test
    void stageNamesAreCaseInsensitiveAndIndexesWork() {
        Dockerfile df = Dockerfile.parse("FROM a AS One\nFROM b\n", "Dockerfile");
        StageGraph g = new StageGraph(df);
        assertThat(g.resolve("ONE").index()).isEqualTo(0);
        assertThat(g.resolve("1").displayName()).isEqualTo("1");
        assertThatThrownBy(() -> g.resolve("two")).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("\"two\"").hasMessageContaining("0 (one), 1");
    }

    @Test
    void copyFromErrors() {
        assertThatThrownBy(() -> new StageGraph(Dockerfile.parse("FROM a\nCOPY --from=5 x y\n", "D")))
                .isInstanceOf(DockerfileException.class).hasMessage("invalid stage index 5");
        assertThatThrownBy(() -> new StageGraph(Dockerfile.parse("FROM a AS x\nCOPY --from=x a b\n", "D")))
                .hasMessageContaining("needs to be defined before current stage");
        assertThatThrownBy(() -> new StageGraph(Dockerfile.parse("FROM a\nCOPY --from=$X a b\n", "D")))
                .hasMessageContaining("variable expansion is not supported for --from");
    }

    @Test
    void fromUsesGlobalArgsToFindStages() {
        Dockerfile df = Dockerfile.parse("ARG BASE=builder\nFROM alpine AS builder\nFROM ${BASE}\n", "D");
        assertThat(new StageGraph(df).dependencies(df.stage("1"))).containsExactly(0);
    }
}
