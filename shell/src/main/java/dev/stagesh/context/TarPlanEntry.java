package dev.stagesh.context;

import java.nio.file.Path;

/**
 * One entry of the tar that carries a COPY into the container, extracted at the container's root.
 *
 * @param tarPath     path under '/', without leading or trailing slash (e.g. "app/src/main.go")
 * @param type        file, directory or symlink
 * @param mode        permission bits written to the header (after --chmod)
 * @param uid         owner written to the header (after --chown; 0 by default)
 * @param gid         group written to the header
 * @param size        bytes of a file's content, 0 otherwise
 * @param linkTarget  symlink text, null otherwise
 * @param sourcePath  local file whose bytes/metadata are used; null for a directory the COPY creates
 * @param mtimeMillis modification time written to the header
 */
public record TarPlanEntry(String tarPath, EntryType type, int mode, int uid, int gid, long size, String linkTarget,
                           Path sourcePath, long mtimeMillis) {

    /** True for a parent directory the COPY has to create (mode 0755, root-owned). */
    public boolean created() {
        return sourcePath == null;
    }

    /** The path as the container sees it. */
    public String containerPath() {
        return "/" + tarPath;
    }
}
