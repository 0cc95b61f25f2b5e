package dev.stagesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void theWorkRunsOnADaemonThreadOfItsOwnName() {
        Thread t = Background.supply("stagesh-test", Thread::currentThread).join();
        assertThat(t).isNotSameAs(Thread.currentThread());
        assertThat(t.getName()).isEqualTo("stagesh-test");
        assertThat(t.isDaemon()).isTrue();
    }

    @Test
    void aFailureIsTheFuturesIncludingACheckedOne() {
        assertThatThrownBy(() -> Background.supply("stagesh-test", () -> {
            throw new IOException("no terminal");
        }).join()).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("no terminal");
    }
}
