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

    /**
     * The directory's own mode and owner, for a COPY that writes its header again: copying a
     * directory source's contents into an existing directory gives it the source's mtime in
     * BuildKit, and an archive entry that sets the time sets mode and owner too. Empty when the
     * caller cannot tell, and the directory is then left alone.
     */
    default Optional<Header> header(String absolutePath) {
        return Optional.empty();
    }

    /** An existing directory's permission bits (set-user-ID, set-group-ID, sticky included) and owner. */
    record Header(int mode, int uid, int gid) {}

    /** A directory of the image: {@code gid} matters only when {@code setgid} is true. */
    record Dir(boolean setgid, int gid) {
        public static final Dir PLAIN = new Dir(false, 0);
    }

    /** For callers that only know whether a path is a directory. */
    static ImageDirs of(java.util.function.Predicate<String> isDirectory) {
        return path -> isDirectory.test(path) ? Optional.of(Dir.PLAIN) : Optional.empty();
    }
}
