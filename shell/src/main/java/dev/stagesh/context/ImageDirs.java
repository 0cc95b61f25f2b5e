package dev.stagesh.context;

import java.util.Optional;

/**
 * The directories of the image a COPY writes into, as far as the copy needs them: whether a path
 * is one, and whether it has the set-group-ID bit (the group is then asked for, which costs an
 * engine call).
 */
@FunctionalInterface
public interface ImageDirs {
    /** The directory at an absolute container path, or empty when there is none there. */
    Optional<Dir> directory(String absolutePath);

    /** A directory of the image: {@code gid} matters only when {@code setgid} is true. */
    record Dir(boolean setgid, int gid) {
        public static final Dir PLAIN = new Dir(false, 0);
    }

    /** For callers that only know whether a path is a directory. */
    static ImageDirs of(java.util.function.Predicate<String> isDirectory) {
        return path -> isDirectory.test(path) ? Optional.of(Dir.PLAIN) : Optional.empty();
    }
}
