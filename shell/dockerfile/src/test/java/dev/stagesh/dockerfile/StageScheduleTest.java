package dev.stagesh.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StageScheduleTest {
    /** Two independent build stages (one of them FROM a shared base), a tool stage mounted, a final stage. */
    private static final String FILE = """
            FROM debian AS base
            FROM base AS web
            RUN make web
            FROM debian AS tools
            FROM debian AS api
            RUN --mount=from=tools,source=/t,target=/t make api
            FROM debian AS unused
            FROM busybox AS final
            COPY --from=web /out /web
            COPY --from=api /out /api
            """;

    private static List<String> names(List<Stage> stages) {
        return stages.stream().map(Stage::displayName).toList();
    }

    @Test
    void stagesAreReadyOnceWhatTheyReadIsDone() {
        Dockerfile df = Dockerfile.parse(FILE, "Dockerfile");
        StageSchedule s = new StageSchedule(new StageGraph(df), df.stage("final"));
        assertThat(names(s.stages())).containsExactly("0 (base)", "1 (web)", "2 (tools)", "3 (api)", "5 (final)");
        // nothing done: the two stages FROM an image start together; web waits for base, api for tools
        assertThat(names(s.ready(Set.of(), Set.of()))).containsExactly("0 (base)", "2 (tools)");
        assertThat(names(s.ready(Set.of(), Set.of(0)))).containsExactly("2 (tools)");
        assertThat(names(s.ready(Set.of(0), Set.of(2)))).containsExactly("1 (web)");
        assertThat(names(s.ready(Set.of(0, 2), Set.of()))).containsExactly("1 (web)", "3 (api)");
        // the final stage needs both
        assertThat(names(s.ready(Set.of(0, 1, 2), Set.of()))).containsExactly("3 (api)");
        assertThat(names(s.ready(Set.of(0, 1, 2, 3), Set.of()))).containsExactly("5 (final)");
        assertThat(s.ready(Set.of(0, 1, 2, 3, 5), Set.of())).isEmpty();
    }

    @Test
    void independenceFollowsTheGraphTransitively() {
        Dockerfile df = Dockerfile.parse(FILE, "Dockerfile");
        StageSchedule s = new StageSchedule(new StageGraph(df), df.stage("final"));
        assertThat(s.independent(df.stage("web"), df.stage("api"))).isTrue();
        assertThat(s.independent(df.stage("base"), df.stage("tools"))).isTrue();
        assertThat(s.independent(df.stage("base"), df.stage("web"))).isFalse();
        assertThat(s.independent(df.stage("tools"), df.stage("final"))).isFalse(); // through api
        assertThat(s.independent(df.stage("web"), df.stage("web"))).isFalse();
        assertThat(s.concurrent(Set.of())).isTrue();
        // once web and api are done only final is left: nothing to run side by side
        assertThat(s.concurrent(Set.of(0, 1, 2, 3))).isFalse();
    }

    @Test
    void whatMustBeDoneBeforeATargetLeavesTheTargetOut() {
        Dockerfile df = Dockerfile.parse(FILE, "Dockerfile");
        StageSchedule s = StageSchedule.before(new StageGraph(df), df.stage("final"));
        assertThat(names(s.stages())).containsExactly("0 (base)", "1 (web)", "2 (tools)", "3 (api)");
        assertThat(s.concurrent(Set.of())).isTrue();
        StageSchedule chain = StageSchedule.before(new StageGraph(df), df.stage("web"));
        assertThat(names(chain.stages())).containsExactly("0 (base)");
        assertThat(chain.concurrent(Set.of())).isFalse();
    }

    @Test
    void aChainNeverRunsSideBySide() {
        Dockerfile df = Dockerfile.parse("""
                FROM busybox AS a
                FROM a AS b
                RUN true
                FROM b AS c
                COPY --from=a /x /x
                """, "Dockerfile");
        StageSchedule s = new StageSchedule(new StageGraph(df), df.stage("c"));
        assertThat(s.concurrent(Set.of())).isFalse();
        assertThat(names(s.ready(Set.of(), Set.of()))).containsExactly("0 (a)");
        assertThat(names(s.ready(Set.of(0), Set.of()))).containsExactly("1 (b)");
    }
}
