package dev.stagesh.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * A build context: a local directory plus the .dockerignore rules that decide what docker sends of it.
 * All methods read the disk afresh, so edits the user makes between debugger steps are seen.
 */
public final class BuildContext {
    private final Path root;
    private final DockerIgnore ignore;

    private BuildContext(Path root, DockerIgnore ignore) {
        this.root = root;
        this.ignore = ignore;
    }

    /** Opens {@code dir} with the rules of its own .dockerignore (none if absent). */
    public static BuildContext open(Path dir) {
        Path root = checkedRoot(dir);
        return new BuildContext(root, DockerIgnore.load(root));
    }

    /** Opens {@code dir} with explicit rules (e.g. from a {@code Dockerfile.dockerignore} next to the Dockerfile). */
    public static BuildContext open(Path dir, DockerIgnore ignore) {
        return new BuildContext(checkedRoot(dir), ignore);
    }

    private static Path checkedRoot(Path dir) {
        if (!Files.exists(dir)) {
            throw new ContextException("unable to prepare context: path \"" + dir + "\" not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new ContextException("unable to prepare context: context must be a directory: " + dir);
        }
        try {
            // the real path, so symlink targets can be compared with it (e.g. /tmp being a link on macOS)
            return dir.toRealPath();
        } catch (IOException e) {
            throw new ContextException("unable to prepare context: " + dir + ": " + ContextWalker.describe(e), e);
        }
    }

    public Path root() {
        return root;
    }

    public DockerIgnore ignore() {
        return ignore;
    }

    /** Every file, directory and symlink docker would send, context-relative, directories before contents. */
    public List<ContextEntry> walk() {
        return new ContextWalker(root, ignore).walk("", DockerIgnore.MatchState.ROOT, Integer.MAX_VALUE);
    }

    /** Resolves the sources of a COPY/ADD (as written, before the destination). */
    public CopySources resolve(List<String> sources) {
        return new SourceResolver(root, ignore).resolve(sources);
    }

    /** Plans a COPY into an image where no destination path exists yet as a directory. */
    public TarPlan plan(CopySources sources, String dest, String workdir, CopyOptions options) {
        return plan(sources, dest, workdir, options, path -> false);
    }

    /**
     * Plans the tar for a COPY.
     *
     * @param dest                    the destination as written
     * @param workdir                 the stage's WORKDIR at that point ("/" or empty when unset)
     * @param destIsExistingDirectory whether an absolute path in the image being built is a directory
     */
    public TarPlan plan(CopySources sources, String dest, String workdir, CopyOptions options,
                        Predicate<String> destIsExistingDirectory) {
        return planInto(sources, dest, workdir, options, ImageDirs.of(destIsExistingDirectory));
    }

    /**
     * Plans the tar for a COPY into an image whose directories {@code imageDirs} describes, so
     * that the directories the copy creates inside a set-group-ID one get the bit and its group.
     */
    public TarPlan planInto(CopySources sources, String dest, String workdir, CopyOptions options, ImageDirs imageDirs) {
        return new CopyPlanner(imageDirs, this::statDirectory, System.currentTimeMillis())
                .plan(sources, dest, workdir, options);
    }

    private ContextEntry statDirectory(String rel) {
        try {
            return FileStat.stat(rel.isEmpty() ? root : root.resolve(rel), rel.isEmpty() ? "." : rel);
        } catch (IOException e) {
            return null; // gone since resolving: the planner falls back to a created directory
        }
    }

    /** Cache key of a plain COPY of these sources. */
    public String checksum(CopySources sources) {
        return ContextChecksum.of(sources, CopyOptions.defaults());
    }

    /** Cache key of a COPY of these sources with {@code --exclude} patterns applied (other flags are not content). */
    public String checksum(CopySources sources, CopyOptions options) {
        return ContextChecksum.of(sources, options);
    }
}
