package dev.stagesh.fs;

import java.util.List;

/**
 * Figures for one layer.
 *
 * @param number        1-based position in the image
 * @param bytes         file bytes the layer adds (its size as dive counts it)
 * @param files         regular files it writes
 * @param deletions     whiteouts and opaque markers it carries
 * @param wastedBytes   its share of dive's "potential wasted space": bytes of the files it writes at
 *                      paths that also appear (written or deleted) in another layer
 * @param shadowedBytes bytes it adds that a later layer overwrites or deletes, so the final image never
 *                      shows them: what cleaning up in the same step would save
 * @param biggest       its largest files, biggest first
 */
public record LayerSummary(int number, String label, long bytes, int files, int deletions, long wastedBytes,
                           long shadowedBytes, List<LayerFile> biggest) {

    public LayerSummary {
        biggest = List.copyOf(biggest);
    }
}
