package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientBuildTest {
    private final AtomicInteger builds = new AtomicInteger();
    private final DockerEngine.Transport transport = new DockerEngine.Transport(null, null);

    @Test
    void nothingIsBuiltUntilItIsAskedFor() {
        ClientBuild build = new ClientBuild(() -> {
            builds.incrementAndGet();
            return transport;
        });
        assertThat(build.begun()).isNull();
        assertThat(builds).hasValue(0);
    }

    @Test
    void itIsBuiltOnceHoweverOftenItIsAskedFor() {
        ClientBuild build = new ClientBuild(() -> {
            builds.incrementAndGet();
            return transport;
        });
        assertThat(build.start().join()).isSameAs(transport);
        assertThat(build.start().join()).isSameAs(transport);
        assertThat(build.begun()).isSameAs(build.start());
        assertThat(builds).hasValue(1);
    }

    @Test
    void aClientBuiltAlreadyIsBegunAndDone() {
        ClientBuild build = ClientBuild.of(transport);
        assertThat(build.begun()).isCompletedWithValue(transport);
    }
}
