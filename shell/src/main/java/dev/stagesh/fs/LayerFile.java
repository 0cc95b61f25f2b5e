package dev.stagesh.fs;

/**
 * A file a layer adds, and what later layers do to it.
 *
 * @param fate whether the file is still visible in the final image
 */
public record LayerFile(String path, long size, Fate fate) {

    public enum Fate {
        /** Visible in the final image. */
        KEPT,
        /** A later layer writes the same path: these bytes are shipped but never seen. */
        OVERWRITTEN,
        /** A later layer deletes it (whiteout or opaque directory): shipped but never seen. */
        DELETED
    }
}
