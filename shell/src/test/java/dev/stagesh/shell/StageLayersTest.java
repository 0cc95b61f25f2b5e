package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.fs.EntryType;
import dev.stagesh.fs.FileEntry;
import dev.stagesh.fs.Layer;
import dev.stagesh.fs.LayerChanges;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageLayersTest {
    private static FileEntry file(String path, long size) {
        return new FileEntry(path, EntryType.FILE, 0644, 0, 0, size, Instant.EPOCH, null, 0, 0);
    }

    private static FileEntry dir(String path) {
        return new FileEntry(path, EntryType.DIRECTORY, 0755, 0, 0, 0, Instant.EPOCH, null, 0, 0);
    }

    /** busybox-like base, a config-only step, a step writing a big file, a step deleting it. */
    private static StageLayers report() {
        List<Layer> layers = List.of(
                new Layer("whatever the engine wrote", new LayerChanges(List.of(dir("/bin"), file("/bin/sh", 1000)),
                        List.of(), List.of())),
                new Layer("sleep", new LayerChanges(List.of(file("/big", 300), file("/keep", 10)), List.of(), List.of())),
                new Layer("sleep", new LayerChanges(List.of(), List.of("/big"), List.of())));
        return StageLayers.of(layers, 1, "FROM busybox", List.of(
                new StageLayers.Step(2, "ENV A=1", 1, 0),
                new StageLayers.Step(3, "RUN make", 1, 1),
                new StageLayers.Step(4, "RUN rm /big", 2, 1)));
    }

    @Test
    void stepsCarryTheirLayersFiguresAndTheBaseIsOneLine() {
        StageLayers r = report();
        assertThat(r.base().bytes()).isEqualTo(1000);
        assertThat(r.base().instruction()).isEqualTo("FROM busybox (1 layer)");
        assertThat(r.steps()).extracting(StageLayers.Row::layers).containsExactly(0, 1, 1);
        StageLayers.Row make = r.steps().get(1);
        assertThat(make.bytes()).isEqualTo(310);
        assertThat(make.shadowedBytes()).isEqualTo(300);
        assertThat(make.wastedBytes()).isEqualTo(300);
        assertThat(make.biggest()).extracting(f -> f.path() + " " + f.fate()).containsExactly("/big DELETED", "/keep KEPT");
        // dive: (1000 + 10 + 0) / (1000 + 10 + 300)
        assertThat(r.report().efficiency()).isCloseTo(1010.0 / 1310.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rendersATableTotalsAndTheBiggestFilesOfEachStep() {
        assertThat(report().render()).containsExactly(
                "STEP  SIZE    WASTED  SHADOWED  INSTRUCTION",
                "base  1.0 kB  0 B     0 B       FROM busybox (1 layer)",
                "2     -       -       -         ENV A=1",
                "3     310 B   300 B   300 B     RUN make",
                "4     0 B     0 B     0 B       RUN rm /big",
                "",
                "Total image size: 1.3 kB",
                "Potential wasted space: 300 B",
                "Shadowed (overwritten or deleted later): 300 B",
                "Image efficiency score: 77 %",
                "",
                "Largest files added by step 3 (RUN make):",
                "  300 B  /big   deleted later",
                "  10 B   /keep",
                "",
                "Paths in more than one layer:",
                "  COUNT  TOTAL SPACE  PATH",
                "  2      300 B        /big");
    }

    @Test
    void jsonHasTheSameFigures() {
        var doc = report().json();
        assertThat(doc.path("base").path("bytes").asLong()).isEqualTo(1000);
        assertThat(doc.path("base").has("step")).isFalse();
        assertThat(doc.path("steps").get(1).path("step").asInt()).isEqualTo(3);
        assertThat(doc.path("steps").get(1).path("biggest").get(0).path("fate").asText()).isEqualTo("deleted");
        assertThat(doc.path("imageBytes").asLong()).isEqualTo(1310);
        assertThat(doc.path("wastedPaths").get(0).path("path").asText()).isEqualTo("/big");
    }
}
