package dev.stagesh.context;

import dev.stagesh.fs.FsPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The content digest of what a COPY reads, used as its cache key (like the checksum docker's build cache
 * computes over a COPY's sources). It covers relative paths, types, permission bits, link targets and file
 * bytes — not mtimes, owners or the context's location, so it is the same on every machine and every run.
 */
final class ContextChecksum {
    private ContextChecksum() {
    }

    static String of(CopySources sources, CopyOptions options) {
        MessageDigest total = sha256();
        ExcludeFilter excludes = new ExcludeFilter(options.excludes());
        for (CopySource source : sources.sources()) {
            // the name matters: a file source's name becomes its name in the image
            line(total, "source", source.path(), source.parentsPath());
            if (source.isDirectory()) {
                if (options.parents()) {
                    // only --parents copies the source directory itself; otherwise its mode never reaches the
                    // image, and leaving it out keeps keys equal across checkouts made with different umasks
                    record(total, "", source.root());
                }
                List<ContextEntry> entries = new ArrayList<>(excludes.contents(source));
                entries.sort(Comparator.comparing(source::relativeName, FsPaths.PATH_ORDER));
                for (ContextEntry e : entries) {
                    record(total, source.relativeName(e), e);
                }
            } else if (!excludes.excludesFile(source)) {
                record(total, ContextPaths.base(source.path()), source.root());
            }
        }
        return "sha256:" + HexFormat.of().formatHex(total.digest());
    }

    private static void record(MessageDigest total, String name, ContextEntry e) {
        String content = switch (e.type()) {
            case FILE -> fileDigest(e);
            case SYMLINK -> e.linkTarget();
            case DIRECTORY -> "";
        };
        line(total, String.valueOf(e.type().letter()), name, Integer.toOctalString(e.mode()), content);
    }

    /** Fields separated by NUL and ended by a newline-NUL pair, so no two different lists hash alike. */
    private static void line(MessageDigest digest, String... fields) {
        for (String f : fields) {
            digest.update(f.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update((byte) '\n');
    }

    private static String fileDigest(ContextEntry e) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(e.file())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException ex) {
            throw new ContextException("cannot read " + e.path() + " from the build context: "
                    + ContextWalker.describe(ex), ex);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
