package dev.stagesh.fs;

/** The kind of a filesystem entry, as a tar header's type flag tells it. */
public enum EntryType {
    FILE('-', "regular file", "file"),
    DIRECTORY('d', "directory", "dir"),
    SYMLINK('l', "symbolic link", "symlink"),
    /** A tar hard link: another name for an earlier regular file; it carries no bytes of its own. */
    HARDLINK('-', "regular file", "hardlink"),
    CHAR_DEVICE('c', "character special file", "char"),
    BLOCK_DEVICE('b', "block special file", "block"),
    FIFO('p', "fifo", "fifo");

    private final char lsChar;
    private final String statName;
    private final String jsonName;

    EntryType(char lsChar, String statName, String jsonName) {
        this.lsChar = lsChar;
        this.statName = statName;
        this.jsonName = jsonName;
    }

    /** First character of {@code ls -l}'s mode column; a hard link shows as the regular file it is. */
    public char lsChar() {
        return lsChar;
    }

    /** The file type as GNU {@code stat} words it (%F). */
    public String statName() {
        return statName;
    }

    /** Short stable name for JSON output. */
    public String jsonName() {
        return jsonName;
    }

    public boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }
}
