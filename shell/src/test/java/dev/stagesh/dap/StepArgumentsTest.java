package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.ImageConfig;
import dev.stagesh.engine.StepFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepArgumentsTest {
    private static Instruction step(String text, int index) {
        return Dockerfile.parse(text, "Dockerfile").stages().get(0).instructions().get(index);
    }

    private static Map<String, Entry> byName(List<Entry> entries) {
        Map<String, Entry> out = new java.util.LinkedHashMap<>();
        entries.forEach(e -> out.put(e.name(), e));
        return out;
    }

    @Test
    void aRunShowsItsArgvEnvironmentWorkdirAndUser() {
        Instruction run = step("FROM busybox\nSHELL [\"/bin/bash\", \"-c\"]\nRUN --network=none echo hi\n", 1);
        ImageConfig config = ImageConfig.scratch("linux", "amd64").withShell(List.of("/bin/bash", "-c")).withWorkingDir("/src");
        var entries = byName(StepArguments.of(new StepArguments.Inputs("linux/amd64", 3, "RUN echo hi", run, config,
                Map.of("PATH", "/bin", "V", "1"), null, null)));
        assertThat(entries.keySet()).containsExactly("platform", "step", "line", "argv", "env", "workdir", "user", "network");
        assertThat(((Entry.Group) entries.get("argv")).children()).extracting(e -> ((Entry.Leaf) e).value())
                .containsExactly("/bin/bash", "-c", "echo hi");
        assertThat(((Entry.Group) entries.get("env")).children()).extracting(Entry::name).containsExactlyInAnyOrder("PATH", "V");
        assertThat(entries.get("workdir")).isEqualTo(new Entry.Leaf("workdir", "/src"));
        assertThat(entries.get("user")).isEqualTo(new Entry.Leaf("user", "root"));
        assertThat(entries.get("network")).isEqualTo(new Entry.Leaf("network", "none"));
    }

    @Test
    void aFailedStepShowsWhatItWasGivenAndHowItEnded() {
        StepFailure f = new StepFailure(3, "RUN false", List.of("/bin/sh", "-c", "false"), 1, "line 3: RUN: exited 1",
                List.of(), Map.of("PATH", "/bin"), Map.of(), "/", "0", null);
        var entries = byName(StepArguments.of(new StepArguments.Inputs("linux/amd64", 3, "RUN false", null, null,
                Map.of(), f, null)));
        assertThat(entries.get("exit code")).isEqualTo(new Entry.Leaf("exit code", "1"));
        assertThat(entries.get("failed")).isEqualTo(new Entry.Leaf("failed", "line 3: RUN: exited 1"));
        assertThat(((Entry.Group) entries.get("argv")).summary()).isEqualTo("[/bin/sh, -c, false]");
    }

    @Test
    void aCopyShowsItsSourcesAndStageAndAFromItsExpandedImage() {
        Instruction copy = step("FROM busybox\nCOPY --from=build --chown=1:1 a b /dst/\n", 0);
        var entries = byName(StepArguments.of(new StepArguments.Inputs("linux/amd64", 2, "COPY", copy,
                ImageConfig.scratch("linux", "amd64"), Map.of(), null, null)));
        assertThat(((Entry.Group) entries.get("sources")).children()).hasSize(2);
        assertThat(entries.get("from")).isEqualTo(new Entry.Leaf("from", "build"));
        assertThat(entries.get("chown")).isEqualTo(new Entry.Leaf("chown", "1:1"));
        Instruction from = Dockerfile.parse("ARG T=3\nFROM alpine:$T\n", "Dockerfile").stages().get(0).from();
        var fromEntries = byName(StepArguments.of(new StepArguments.Inputs("linux/amd64", 2, "FROM", from, null,
                Map.of(), null, "alpine:3")));
        assertThat(fromEntries.get("image")).isEqualTo(new Entry.Leaf("image", "alpine:3"));
    }

    @Test
    void theConfigBecomesNestedEntries() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.putArray("Env").add("A=1");
        json.put("WorkingDir", "/src");
        json.putObject("Labels");
        Entry.Group g = (Entry.Group) Entry.json("config", json);
        assertThat(g.children()).extracting(Entry::name).containsExactly("Env", "WorkingDir", "Labels");
        assertThat(((Entry.Group) g.children().get(0)).children()).containsExactly(new Entry.Leaf("[0]", "A=1"));
        assertThat(g.children().get(1)).isEqualTo(new Entry.Leaf("WorkingDir", "/src"));
        assertThat(((Entry.Group) g.children().get(2)).summary()).isEqualTo("{}");
    }
}
