package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A three-layer image worked out by hand.
 *
 * <pre>
 * layer 1  FROM base        /bin/sh 1000, /etc/config 200, /tmp/cache/a 300, /tmp/cache/b 400   = 1900
 * layer 2  RUN install      /etc/config 250 (overwrites), /usr/lib/big 5000, /tmp/cache/c 100   = 5350
 * layer 3  RUN cleanup      deletes /tmp/cache and /usr/lib/big, rewrites /bin/sh 1000 (chmod)  = 1000
 *                                                                                      image = 8250
 * Occurrences per path (a deletion is a 0-byte occurrence):
 *   /bin/sh [1000, 1000]  /etc/config [200, 250]  /tmp/cache/a [300, 0]  /tmp/cache/b [400, 0]
 *   /tmp/cache/c [100, 0] /usr/lib/big [5000, 0]
 * Every path occurs twice, so dive's wasted space is all of it: 2000+450+300+400+100+5000 = 8250,
 * split by the layer holding each copy: 1900 / 5350 / 1000.
 * Efficiency = sum of minimums / sum of totals = (1000+200+0+0+0+0) / 8250 = 0.14545... -> "14 %".
 * Shadowed (shipped but never visible): layer 1 loses all four files = 1900; layer 2 loses big and
 * c = 5100 (its config survives); layer 3 loses nothing.
 * </pre>
 */
class LayerReportTest {

    static List<Layer> threeLayers() {
        LayerChanges base = LayerTar.read(new Tars()
                .dir("bin").sized("bin/sh", 1000).dir("etc").sized("etc/config", 200)
                .dir("tmp/cache").sized("tmp/cache/a", 300).sized("tmp/cache/b", 400)
                .stream());
        LayerChanges install = LayerTar.read(new Tars()
                .dir("etc").sized("etc/config", 250).dir("usr/lib").sized("usr/lib/big", 5000)
                .dir("tmp/cache").sized("tmp/cache/c", 100)
                .stream());
        LayerChanges cleanup = LayerTar.read(new Tars()
                .dir("tmp").file("tmp/.wh.cache", "").dir("usr/lib").file("usr/lib/.wh.big", "")
                .dir("bin").sized("bin/sh", 1000)
                .stream());
        return List.of(new Layer("FROM base", base), new Layer("RUN install", install),
                new Layer("RUN cleanup", cleanup));
    }

    @Test
    void computesDiveFiguresByHand() {
        LayerReport report = LayerReport.of(threeLayers(), 2);

        assertThat(report.imageBytes()).isEqualTo(8250);
        assertThat(report.wastedBytes()).isEqualTo(8250);
        assertThat(report.shadowedBytes()).isEqualTo(7000);
        assertThat(report.efficiency()).isCloseTo(1200.0 / 8250, within(1e-12));
        assertThat(report.efficiencyPercent()).isEqualTo("14 %");

        assertThat(report.layers()).extracting(LayerSummary::bytes).containsExactly(1900L, 5350L, 1000L);
        assertThat(report.layers()).extracting(LayerSummary::wastedBytes).containsExactly(1900L, 5350L, 1000L);
        assertThat(report.layers()).extracting(LayerSummary::shadowedBytes).containsExactly(1900L, 5100L, 0L);
        assertThat(report.layers()).extracting(LayerSummary::deletions).containsExactly(0, 0, 2);
        assertThat(report.layers().get(0).biggest()).containsExactly(
                new LayerFile("/bin/sh", 1000, LayerFile.Fate.OVERWRITTEN),
                new LayerFile("/tmp/cache/b", 400, LayerFile.Fate.DELETED));
        assertThat(report.wastedPaths()).extracting(WastedPath::path).containsExactly(
                "/usr/lib/big", "/bin/sh", "/etc/config", "/tmp/cache/b", "/tmp/cache/a", "/tmp/cache/c");
    }

    @Test
    void rendersATable() {
        assertThat(LayerReport.of(threeLayers(), 2).render(3)).containsExactly(
                "LAYER  SIZE    WASTED  SHADOWED  INSTRUCTION",
                "1      1.9 kB  1.9 kB  1.9 kB    FROM base",
                "2      5.4 kB  5.4 kB  5.1 kB    RUN install",
                "3      1.0 kB  1.0 kB  0 B       RUN cleanup",
                "",
                "Total image size: 8.3 kB",
                "Potential wasted space: 8.3 kB",
                "Image efficiency score: 14 %",
                "",
                "Largest files in layer 1 (FROM base):",
                "  1.0 kB  /bin/sh       overwritten later",
                "  400 B   /tmp/cache/b  deleted later",
                "",
                "Largest files in layer 2 (RUN install):",
                "  5.0 kB  /usr/lib/big  deleted later",
                "  250 B   /etc/config",
                "",
                "Largest files in layer 3 (RUN cleanup):",
                "  1.0 kB  /bin/sh",
                "",
                "COUNT  TOTAL SPACE  PATH",
                "2      5.0 kB       /usr/lib/big",
                "2      2.0 kB       /bin/sh",
                "2      450 B        /etc/config");
    }

    @Test
    void anOpaqueDirectoryHidesLowerFilesButKeepsItsOwn() {
        LayerChanges lower = LayerTar.read(new Tars().dir("lists").sized("lists/old", 700).sized("lists/same", 50).stream());
        LayerChanges upper = LayerTar.read(new Tars().dir("lists").file("lists/.wh..wh..opq", "")
                .sized("lists/same", 60).sized("lists/new", 10).stream());
        LayerReport report = LayerReport.of(List.of(new Layer("one", lower), new Layer("two", upper)), 5);
        // old [700, 0], same [50, 60], new [10]: wasted 700 + 110, efficiency (0 + 50 + 10) / (700 + 110 + 10)
        assertThat(report.wastedBytes()).isEqualTo(810);
        assertThat(report.efficiency()).isCloseTo(60.0 / 820, within(1e-12));
        assertThat(report.layers().get(0).shadowedBytes()).isEqualTo(750);
        assertThat(report.layers().get(0).biggest()).containsExactly(
                new LayerFile("/lists/old", 700, LayerFile.Fate.DELETED),
                new LayerFile("/lists/same", 50, LayerFile.Fate.OVERWRITTEN));
    }

    @Test
    void anImageWithoutRepeatsIsFullyEfficient() {
        LayerChanges only = LayerTar.read(new Tars().sized("a", 10).stream());
        LayerReport report = LayerReport.of(List.of(new Layer("x", only)), 1);
        assertThat(report.wastedBytes()).isZero();
        assertThat(report.efficiencyPercent()).isEqualTo("100 %");
        assertThat(LayerReport.of(List.of(), 1).efficiency()).isEqualTo(1.0);
    }
}
