package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerStartException;
import dev.stagesh.docker.OutputSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepContainersTest {
    private final Map<String, String> labels = new SessionId("s1", 1, "h").labels();

    private StepContainers containers(FakeEngine engine) {
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        Toolbox toolbox = new Toolbox(engine);
        return new StepContainers(engine, new NetworkHolder(engine, toolbox, labels), new ActiveSteps(engine));
    }

    private static ContainerSpec step(String image) {
        return new ContainerSpec(image, List.of("/bin/sh", "-c", "true"), List.of(), List.of(), "/", "0",
                new SessionId("s1", 1, "h").labels(), List.of(), null);
    }

    @Test
    void stepsJoinOneHeldNamespaceAndEverythingGoesAtTheEndInAnOrderPodmanAccepts() {
        FakeEngine engine = new FakeEngine(FakeEngine.podman5());
        String base = engine.addImage("debian:bookworm-slim", List.of("sha256:d"), Map.of(), null, List.of()).id();
        StepContainers steps = containers(engine);

        StepContainers.Ran first = steps.run(step(base), id -> { }, OutputSink.DISCARD, code -> Map.of("code", "" + code));
        engine.process = spec -> 3;
        StepContainers.Ran second = steps.run(step(first.image()), id -> { }, OutputSink.DISCARD, code -> Map.of("code", "" + code));
        steps.close();

        assertThat(second.exitCode()).isEqualTo(3);
        assertThat(engine.images.get(second.image()).labels()).containsEntry("code", "3");
        assertThat(engine.images.get(second.image()).layers()).hasSize(3);
        List<String> creates = engine.calls.stream().filter(c -> c.startsWith("create ")).toList();
        String holder = creates.stream().filter(c -> !c.contains("container:")).reduce((a, b) -> b).orElseThrow().split(" ")[1];
        assertThat(creates.stream().filter(c -> c.endsWith("container:" + holder))).hasSize(2);
        assertThat(engine.containers).isEmpty();
    }

    @Test
    void aStepDoesNotWaitForAHolderStillStartingAndTheStepsAfterItJoinIt() throws Exception {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        CountDownLatch release = new CountDownLatch(1);
        engine.starting = spec -> {
            if (spec.entrypoint().equals(Toolbox.keepAlive())) {
                awaitQuietly(release); // the holder's start takes as long as the test says
            }
        };
        String base = engine.addImage("debian:bookworm-slim", List.of("sha256:d"), Map.of(), null, List.of()).id();
        engine.addImage(Toolbox.SOURCE_IMAGE, List.of("sha256:bb"), Map.of(), null, List.of());
        NetworkHolder network = new NetworkHolder(engine, new Toolbox(engine), labels);
        StepContainers steps = new StepContainers(engine, network, new ActiveSteps(engine));
        steps.prepare();

        // the holder cannot start until released: a step that waited for it would time out here
        StepContainers.Ran first = CompletableFuture.supplyAsync(() -> steps.run(step(base), id -> { }, OutputSink.DISCARD,
                code -> Map.of())).get(10, TimeUnit.SECONDS);
        release.countDown();
        String joined = network.networkMode();
        steps.run(step(first.image()), id -> { }, OutputSink.DISCARD, code -> Map.of());
        steps.close();

        List<String> images = List.of(base, first.image());
        List<String> stepCreates = engine.calls.stream()
                .filter(c -> c.startsWith("create ") && images.contains(c.split(" ")[2])).toList();
        assertThat(stepCreates).hasSize(2);
        assertThat(stepCreates.get(0)).doesNotContain("container:");
        assertThat(joined).startsWith("container:");
        assertThat(stepCreates.get(1)).endsWith(" " + joined);
        assertThat(engine.containers).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aContainerTheEngineCannotStartIsTheStepsErrorNotARetry() {
        FakeEngine engine = new FakeEngine(FakeEngine.docker20());
        engine.process = spec -> {
            if (spec.entrypoint().get(0).equals("/bin/sh")) {
                throw new ContainerStartException("unable to find user nobody");
            }
            return 0; // the toolbox's copy
        };
        String base = engine.addImage("debian:bookworm-slim", List.of("sha256:d"), Map.of(), null, List.of()).id();
        StepContainers steps = containers(engine);
        assertThatThrownBy(() -> steps.run(step(base), id -> { }, OutputSink.DISCARD, code -> Map.of()))
                .isInstanceOf(ContainerStartException.class)
                .hasMessage("start container: unable to find user nobody");
        steps.close();
        assertThat(engine.calls).doesNotContain("notice recovered");
        assertThat(engine.containers).isEmpty();
    }
}
