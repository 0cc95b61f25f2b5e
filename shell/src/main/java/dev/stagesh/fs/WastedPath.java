package dev.stagesh.fs;

/**
 * A path present in more than one layer, as dive's "inefficient files" table lists it.
 *
 * @param count      layers that write or delete it
 * @param totalBytes bytes of every copy written, the figure dive sums into wasted space
 */
public record WastedPath(String path, int count, long totalBytes) {
}
