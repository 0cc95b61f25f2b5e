package dev.stagesh.context;

/** The kinds of filesystem objects a build context carries; docker sends nothing else (no fifos, sockets, devices). */
public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK;

    /** One letter, as `ls -l` would show it; also used inside the COPY checksum, so it must never change. */
    public char letter() {
        return switch (this) {
            case FILE -> '-';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
        };
    }
}
