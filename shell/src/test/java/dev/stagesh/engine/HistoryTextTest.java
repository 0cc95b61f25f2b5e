package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.instructions.KeyValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * History entries as Docker 28's BuildKit writes them; the expected strings are the ones its
 * images carry (read from docker28's {@code docker build} in the equivalence suite).
 */
class HistoryTextTest {
    @Test
    void copyAndAddNameChownChmodAndParentsButNotFromLinkOrExclude() {
        assertThat(HistoryText.copy(new HistoryText.CopyLine("COPY", false, "nobody:nogroup", null,
                List.of("readme.md"), List.of(), "/owned-by-name.md")))
                .isEqualTo("COPY --chown=nobody:nogroup readme.md /owned-by-name.md # buildkit");
        assertThat(HistoryText.copy(new HistoryText.CopyLine("ADD", false, "1234:1234", "600", List.of("a", "b"),
                List.of(), "/d/"))).isEqualTo("ADD --chown=1234:1234 --chmod=600 a b /d/ # buildkit");
        assertThat(HistoryText.copy(new HistoryText.CopyLine("COPY", true, "", "", List.of("src/a"), List.of(), "/p/")))
                .isEqualTo("COPY --parents src/a /p/ # buildkit");
        assertThat(HistoryText.copy(new HistoryText.CopyLine("COPY", false, null, "755", List.of(),
                List.of("robots.txt", "humans.txt"), "/docs/")))
                .isEqualTo("COPY --chmod=755 <<robots.txt <<humans.txt /docs/ # buildkit");
    }

    @Test
    void listsAreGoFormatted() {
        assertThat(HistoryText.quotedList("CMD", List.of("echo", "inherited"))).isEqualTo("CMD [\"echo\" \"inherited\"]");
        assertThat(HistoryText.quotedList("ENTRYPOINT", List.of("/bin/sh", "-xc", "say \"hi\"\n")))
                .isEqualTo("ENTRYPOINT [\"/bin/sh\" \"-xc\" \"say \\\"hi\\\"\\n\"]");
        assertThat(HistoryText.quotedList("CMD", List.of())).isEqualTo("CMD []");
        assertThat(HistoryText.plainList("VOLUME", List.of("/cache", "/logs"))).isEqualTo("VOLUME [/cache /logs]");
        assertThat(HistoryText.plainList("SHELL", List.of("/bin/sh", "-e", "-u", "-c"))).isEqualTo("SHELL [/bin/sh -e -u -c]");
        assertThat(HistoryText.plainList("EXPOSE", List.of("443/tcp", "53/udp"))).isEqualTo("EXPOSE [443/tcp 53/udp]");
    }

    @Test
    void pairsAreKeyEqualsValueUnquoted() {
        assertThat(HistoryText.pairs("LABEL", List.of(new KeyValue("org.example.version", "1.0"),
                new KeyValue("org.example.two words", "value"))))
                .isEqualTo("LABEL org.example.version=1.0 org.example.two words=value");
        assertThat(HistoryText.pairs("ENV", List.of(new KeyValue("D", "1 and two words fallback set "))))
                .isEqualTo("ENV D=1 and two words fallback set ");
    }

    @Test
    void healthcheckIsGosRenderingOfTheConfigStruct() {
        long s = 1_000_000_000L;
        assertThat(HistoryText.healthcheck(new ImageConfig.Healthcheck(List.of("CMD-SHELL",
                "wget -q -O- http://localhost/ || exit 1"), 30 * s, 5 * s, 10 * s, null, 3)))
                .isEqualTo("HEALTHCHECK &{[\"CMD-SHELL\" \"wget -q -O- http://localhost/ || exit 1\"] \"30s\" \"5s\""
                        + " \"10s\" \"0s\" '\\x03'}");
        assertThat(HistoryText.healthcheck(new ImageConfig.Healthcheck(List.of("NONE"), null, null, null, null, null)))
                .isEqualTo("HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" \"0s\" '\\x00'}");
        assertThat(HistoryText.healthcheck(new ImageConfig.Healthcheck(List.of("CMD", "true"), 90 * s, 1_500_000L,
                3600 * s, 2 * s + 500_000_000L, 65)))
                .isEqualTo("HEALTHCHECK &{[\"CMD\" \"true\"] \"1m30s\" \"1.5ms\" \"1h0m0s\" \"2.5s\" 'A'}");
    }
}
