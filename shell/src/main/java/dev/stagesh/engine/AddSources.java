package dev.stagesh.engine;

import dev.stagesh.StageshException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * What ADD does beyond COPY: a local tar (plain, gzip, bzip2 or xz) is extracted at the
 * destination, and a URL is downloaded (mode 0600, its Last-Modified as mtime, checked against
 * {@code --checksum} when given), as docker build does.
 */
final class AddSources {
    private AddSources() {}

    static boolean isUrl(String source) {
        return source.matches("(?i)^https?://.+");
    }

    static boolean isGit(String source) {
        return source.matches("(?i)^git://.+") || source.startsWith("git@") || source.matches("(?i)^https?://.+\\.git(#.*)?$");
    }

    /** Whether a context file is an archive ADD extracts (by its content, as docker decides). */
    static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = decompressed(new BufferedInputStream(Files.newInputStream(file)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        try {
            String kind = CompressorStreamFactory.detect(in);
            return new BufferedInputStream(CompressorStreamFactory.getSingleton().createCompressorInputStream(kind, in));
        } catch (CompressorException e) {
            return in; // not compressed: a plain tar, or not an archive at all
        }
    }

    /**
     * Writes the archive's entries re-rooted under {@code destDir} (absolute) into {@code out}.
     *
     * @param owner {@code --chown}'s ids, which every extracted entry gets (BuildKit untars with them
     *              as its ChownOpts); null keeps the archive's own
     */
    static void extractTo(Path archive, String destDir, dev.stagesh.context.Ownership owner,
                          TarArchiveOutputStream out) throws IOException {
        try (InputStream in = decompressed(new BufferedInputStream(Files.newInputStream(archive)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                String target = Paths.resolve(destDir, name);
                if (!target.startsWith(destDir.equals("/") ? "/" : destDir + "/") && !target.equals(destDir)) {
                    throw new StageshException("ADD " + archive.getFileName() + ": entry " + name
                            + " would land outside " + destDir);
                }
                if (target.equals(destDir)) {
                    continue;
                }
                TarArchiveEntry copy = new TarArchiveEntry(target.substring(1) + (e.isDirectory() ? "/" : ""),
                        e.getLinkFlag());
                copy.setMode(e.getMode());
                if (owner == null) {
                    copy.setIds((int) e.getLongUserId(), (int) e.getLongGroupId());
                } else {
                    copy.setIds(owner.uid(), owner.gid());
                }
                TarXattrs.copy(e, copy);
                copy.setModTime(e.getModTime());
                copy.setSize(e.isFile() ? e.getSize() : 0);
                if (e.isSymbolicLink()) {
                    copy.setLinkName(e.getLinkName());
                } else if (e.isLink()) {
                    copy.setLinkName(Paths.resolve(destDir, e.getLinkName()).substring(1));
                }
                out.putArchiveEntry(copy);
                if (e.isFile()) {
                    tar.transferTo(out);
                }
                out.closeArchiveEntry();
            }
        }
    }

    /** A downloaded ADD source, kept in a temporary file until the step is done. */
    record Download(Path file, String name, long mtimeMillis, String sha256) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file; the OS cleans it up
            }
        }
    }

    static Download download(String url, String checksum, String where) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(15)).build();
        try {
            Path tmp = Files.createTempFile("stagesh-add-", ".download");
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                Files.deleteIfExists(tmp);
                throw new StageshException(where + ": cannot download " + url + ": HTTP " + response.statusCode());
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(response.body(), sha);
                 OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (checksum != null && !checksum.isEmpty() && !checksum.equalsIgnoreCase(digest)) {
                Files.deleteIfExists(tmp);
                throw new StageshException(where + ": checksum of " + url + " is " + digest + ", expected " + checksum);
            }
            long mtime = response.headers().firstValue("Last-Modified").map(AddSources::httpDate)
                    .orElse(System.currentTimeMillis());
            String path = URI.create(url).getPath();
            String name = path == null || path.isEmpty() || path.endsWith("/") ? "__unnamed__" : Paths.baseName(path);
            return new Download(tmp, name, mtime, digest);
        } catch (IOException e) {
            throw new StageshException(where + ": cannot download " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageshException(where + ": download of " + url + " interrupted");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static long httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
                    .toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }
}
