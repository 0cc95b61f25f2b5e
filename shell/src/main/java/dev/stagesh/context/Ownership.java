package dev.stagesh.context;

/** A numeric owner for copied files, as docker writes it into the layer. */
public record Ownership(int uid, int gid) {
    public static final Ownership ROOT = new Ownership(0, 0);

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
