package dev.stagesh.fs;

/**
 * One layer of an image in build order.
 *
 * @param label what made it, typically the step's instruction text ({@code RUN apt-get install ...})
 */
public record Layer(String label, LayerChanges changes) {
}
