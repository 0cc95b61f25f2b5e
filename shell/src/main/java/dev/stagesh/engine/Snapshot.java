package dev.stagesh.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The state after a step: an image in the engine holding the filesystem, and the config and
 * history stagesh keeps beside it. Snapshots are images, so they survive an engine restart and
 * any step can be returned to.
 *
 * @param imageId          the engine's image holding the filesystem
 * @param config           the image config as docker build would have written it
 * @param inheritedHistory how many of the engine image's history entries come from the base image
 *                         (they are kept as they are when committing)
 * @param history          one entry per step since the base image, as docker writes them (none for ONBUILD)
 * @param engineCommits    how many commits stagesh made on top of the base image; each added one
 *                         engine history entry that commit replaces by {@code history}
 */
public record Snapshot(String imageId, ImageConfig config, int inheritedHistory, List<HistoryEntry> history,
                       int engineCommits) {

    public Snapshot {
        history = List.copyOf(history);
    }

    /** The same filesystem with a changed config: a metadata-only step. */
    public Snapshot withConfig(ImageConfig newConfig, HistoryEntry entry) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(entry);
        return new Snapshot(imageId, newConfig, inheritedHistory, h, engineCommits);
    }

    /** The same filesystem with a changed config and no history entry (ONBUILD, as BuildKit records it). */
    public Snapshot withConfig(ImageConfig newConfig) {
        return new Snapshot(imageId, newConfig, inheritedHistory, history, engineCommits);
    }

    /** A new filesystem committed on top of this one. */
    public Snapshot committed(String newImageId, ImageConfig newConfig, HistoryEntry entry) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(entry);
        return new Snapshot(newImageId, newConfig, inheritedHistory, h, engineCommits + 1);
    }
}
