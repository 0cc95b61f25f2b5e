package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the user reads of an engine error: the engine's own words, not docker-java's wrapping. */
class EngineMessagesTest {
    @Test
    void theEnginesMessageIsTakenOutOfStatusAndJson() {
        assertThat(EngineConnector.rootMessage(new RuntimeException(
                "Status 500: {\"message\":\"unable to find user nosuch: no matching entries in passwd file\"}\n")))
                .isEqualTo("unable to find user nosuch: no matching entries in passwd file");
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        assertThat(EngineConnector.rootMessage(new RuntimeException("Status 500: not json"))).isEqualTo("Status 500: not json");
        assertThat(EngineConnector.rootMessage(new RuntimeException("Status 404: {\"other\":1}")))
                .isEqualTo("Status 404: {\"other\":1}");
        assertThat(EngineConnector.rootMessage(new RuntimeException("outer", new IllegalStateException("inner cause"))))
                .isEqualTo("inner cause");
    }
}
