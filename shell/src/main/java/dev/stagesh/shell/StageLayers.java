package dev.stagesh.shell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.fs.Layer;
import dev.stagesh.fs.LayerFile;
import dev.stagesh.fs.LayerReport;
import dev.stagesh.fs.LayerSummary;
import dev.stagesh.fs.SizeFormat;
import dev.stagesh.fs.WastedPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A stage's image, layer by layer, grouped the way the user wrote it: the base image's layers as one
 * line, then one line per step with the layers it added (none for a step that only changes the
 * config). The figures are dive's, from {@link LayerReport} over every layer of the image, so waste
 * in the base counts toward the efficiency score as it does in dive.
 */
final class StageLayers {
    /** Biggest files listed per step. */
    static final int TOP_FILES = 5;
    /** Most wasteful paths listed under the table. */
    static final int TOP_PATHS = 10;

    /** A step after FROM and the layers it made: {@code count} layers from index {@code first}. */
    record Step(int number, String instruction, int first, int count) {}

    /** One line of the table: totals over a group of layers. */
    record Row(String step, String instruction, int layers, long bytes, long wastedBytes, long shadowedBytes,
               List<LayerFile> biggest) {}

    private final Row base;
    private final List<Row> steps;
    private final LayerReport report;

    private StageLayers(Row base, List<Row> steps, LayerReport report) {
        this.base = base;
        this.steps = steps;
        this.report = report;
    }

    /**
     * @param layers     every layer of the image, bottom first
     * @param baseLayers how many of them the FROM brought
     * @param from       the FROM instruction as written
     * @param stepLayers the steps after FROM, in order, with their layers
     */
    static StageLayers of(List<Layer> layers, int baseLayers, String from, List<Step> stepLayers) {
        List<Layer> labelled = new ArrayList<>(layers);
        for (Step s : stepLayers) {
            for (int i = s.first(); i < s.first() + s.count(); i++) {
                labelled.set(i, new Layer(s.instruction(), layers.get(i).changes()));
            }
        }
        LayerReport report = LayerReport.of(labelled, TOP_FILES);
        int nonEmpty = 0;
        for (int i = 0; i < baseLayers; i++) {
            var c = layers.get(i).changes();
            if (!c.entries().isEmpty() || !c.deletions().isEmpty() || !c.opaqueDirectories().isEmpty()) {
                nonEmpty++;
            }
        }
        Row base = row("base", from + " (" + nonEmpty + (nonEmpty == 1 ? " layer)" : " layers)"),
                report.layers().subList(0, baseLayers));
        List<Row> rows = new ArrayList<>();
        for (Step s : stepLayers) {
            rows.add(row(Integer.toString(s.number()), s.instruction(),
                    report.layers().subList(s.first(), s.first() + s.count())));
        }
        return new StageLayers(base, rows, report);
    }

    private static Row row(String step, String instruction, List<LayerSummary> layers) {
        long bytes = 0;
        long wasted = 0;
        long shadowed = 0;
        List<LayerFile> biggest = new ArrayList<>();
        for (LayerSummary l : layers) {
            bytes += l.bytes();
            wasted += l.wastedBytes();
            shadowed += l.shadowedBytes();
            biggest.addAll(l.biggest());
        }
        biggest.sort(Comparator.comparingLong(LayerFile::size).reversed().thenComparing(LayerFile::path));
        return new Row(step, instruction, layers.size(), bytes, wasted, shadowed,
                biggest.subList(0, Math.min(TOP_FILES, biggest.size())));
    }

    Row base() {
        return base;
    }

    List<Row> steps() {
        return steps;
    }

    LayerReport report() {
        return report;
    }

    List<String> render() {
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("STEP", "SIZE", "WASTED", "SHADOWED", "INSTRUCTION"));
        for (Row r : rowsWithBase()) {
            boolean none = r.layers() == 0;
            table.add(List.of(r.step(), none ? "-" : SizeFormat.si(r.bytes()), none ? "-" : SizeFormat.si(r.wastedBytes()),
                    none ? "-" : SizeFormat.si(r.shadowedBytes()), r.instruction()));
        }
        List<String> out = new ArrayList<>(dev.stagesh.fs.TextColumns.render(table));
        out.add("");
        out.add("Total image size: " + SizeFormat.si(report.imageBytes()));
        out.add("Potential wasted space: " + SizeFormat.si(report.wastedBytes()));
        out.add("Shadowed (overwritten or deleted later): " + SizeFormat.si(report.shadowedBytes()));
        out.add("Image efficiency score: " + report.efficiencyPercent());
        for (Row r : steps) {
            if (r.biggest().isEmpty()) {
                continue;
            }
            out.add("");
            out.add("Largest files added by step " + r.step() + " (" + r.instruction() + "):");
            List<List<String>> files = new ArrayList<>();
            for (LayerFile f : r.biggest()) {
                files.add(List.of("  " + SizeFormat.si(f.size()), f.path(), fate(f.fate())));
            }
            out.addAll(dev.stagesh.fs.TextColumns.render(files));
        }
        if (!report.wastedPaths().isEmpty()) {
            out.add("");
            out.add("Paths in more than one layer:");
            List<List<String>> paths = new ArrayList<>();
            paths.add(List.of("  COUNT", "TOTAL SPACE", "PATH"));
            for (WastedPath p : report.wastedPaths().subList(0, Math.min(TOP_PATHS, report.wastedPaths().size()))) {
                paths.add(List.of("  " + p.count(), SizeFormat.si(p.totalBytes()), p.path()));
            }
            out.addAll(dev.stagesh.fs.TextColumns.render(paths));
        }
        return out;
    }

    ObjectNode json() {
        ObjectNode doc = Json.object();
        doc.set("base", json(base));
        ArrayNode rows = doc.putArray("steps");
        steps.forEach(r -> rows.add(json(r)));
        doc.put("imageBytes", report.imageBytes());
        doc.put("wastedBytes", report.wastedBytes());
        doc.put("shadowedBytes", report.shadowedBytes());
        doc.put("efficiency", report.efficiency());
        ArrayNode paths = doc.putArray("wastedPaths");
        for (WastedPath p : report.wastedPaths()) {
            paths.addObject().put("path", p.path()).put("count", p.count()).put("totalBytes", p.totalBytes());
        }
        return doc;
    }

    private static ObjectNode json(Row r) {
        ObjectNode n = Json.object();
        if (!r.step().equals("base")) {
            n.put("step", Integer.parseInt(r.step()));
        }
        n.put("instruction", r.instruction());
        n.put("layers", r.layers());
        n.put("bytes", r.bytes());
        n.put("wastedBytes", r.wastedBytes());
        n.put("shadowedBytes", r.shadowedBytes());
        ArrayNode files = n.putArray("biggest");
        for (LayerFile f : r.biggest()) {
            files.addObject().put("path", f.path()).put("size", f.size())
                    .put("fate", f.fate().name().toLowerCase(Locale.ROOT));
        }
        return n;
    }

    private List<Row> rowsWithBase() {
        List<Row> all = new ArrayList<>();
        all.add(base);
        all.addAll(steps);
        return all;
    }

    private static String fate(LayerFile.Fate fate) {
        return switch (fate) {
            case KEPT -> "";
            case OVERWRITTEN -> "overwritten later";
            case DELETED -> "deleted later";
        };
    }

}
