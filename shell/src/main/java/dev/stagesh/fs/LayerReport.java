package dev.stagesh.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an image's bytes come from and how many are wasted, layer by layer, in dive's terms (see
 * {@link LayerAnalyzer} for the rules).
 *
 * @param imageBytes    file bytes over all layers (dive's "total image size")
 * @param wastedBytes   dive's "potential wasted space": every byte of every path in more than one layer
 * @param shadowedBytes bytes shipped in some layer but invisible in the final image
 * @param efficiency    dive's image efficiency score, 0 to 1
 * @param wastedPaths   paths in more than one layer, most bytes first (dive's inefficient files)
 */
public record LayerReport(List<LayerSummary> layers, long imageBytes, long wastedBytes, long shadowedBytes,
                          double efficiency, List<WastedPath> wastedPaths) {

    public LayerReport {
        layers = List.copyOf(layers);
        wastedPaths = List.copyOf(wastedPaths);
    }

    /** Analyzes layers given in build order, keeping the {@code topN} biggest files of each. */
    public static LayerReport of(List<Layer> layers, int topN) {
        return LayerAnalyzer.analyze(layers, topN);
    }

    /** The score as dive prints it: truncated to a whole percent. */
    public String efficiencyPercent() {
        return (int) (efficiency * 100) + " %";
    }

    /**
     * A table of layers, the image totals, each layer's biggest files with their fate, and up to
     * {@code maxPaths} of the most wasteful paths.
     */
    public List<String> render(int maxPaths) {
        List<String> out = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("LAYER", "SIZE", "WASTED", "SHADOWED", "INSTRUCTION"));
        for (LayerSummary l : layers) {
            rows.add(List.of(Integer.toString(l.number()), SizeFormat.si(l.bytes()), SizeFormat.si(l.wastedBytes()),
                    SizeFormat.si(l.shadowedBytes()), l.label()));
        }
        out.addAll(TextColumns.render(rows));
        out.add("");
        out.add("Total image size: " + SizeFormat.si(imageBytes));
        out.add("Potential wasted space: " + SizeFormat.si(wastedBytes));
        out.add("Image efficiency score: " + efficiencyPercent());
        for (LayerSummary l : layers) {
            if (l.biggest().isEmpty()) {
                continue;
            }
            out.add("");
            out.add("Largest files in layer " + l.number() + " (" + l.label() + "):");
            List<List<String>> files = new ArrayList<>();
            for (LayerFile f : l.biggest()) {
                String fate = switch (f.fate()) {
                    case KEPT -> "";
                    case OVERWRITTEN -> "overwritten later";
                    case DELETED -> "deleted later";
                };
                files.add(List.of("  " + SizeFormat.si(f.size()), f.path(), fate));
            }
            out.addAll(TextColumns.render(files));
        }
        if (!wastedPaths.isEmpty() && maxPaths > 0) {
            out.add("");
            List<List<String>> paths = new ArrayList<>();
            paths.add(List.of("COUNT", "TOTAL SPACE", "PATH"));
            for (WastedPath p : wastedPaths.subList(0, Math.min(maxPaths, wastedPaths.size()))) {
                paths.add(List.of(Integer.toString(p.count()), SizeFormat.si(p.totalBytes()), p.path()));
            }
            out.addAll(TextColumns.render(paths));
        }
        return out;
    }

}
