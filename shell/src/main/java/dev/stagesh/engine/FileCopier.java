package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.BuildContext;
import dev.stagesh.context.CopyOptions;
import dev.stagesh.context.CopySources;
import dev.stagesh.context.GoGlob;
import dev.stagesh.context.ImageDirs;
import dev.stagesh.context.TarPlan;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineException;
import dev.stagesh.docker.PathStat;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.parser.Heredoc;
import dev.stagesh.dockerfile.shell.ShellLex;
import dev.stagesh.fs.NonClosingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * COPY and ADD: files from the build context (after .dockerignore) or from another stage or
 * image ({@code --from}), placed by docker build's destination rules, streamed into the working
 * container as one tar and committed. Nothing is staged on disk.
 */
final class FileCopier {
    private final Engine engine;
    private final ArchiveContainers archives;
    private final SnapshotStore store;
    private final BuildContext context;
    private final Map<String, String> labels;
    private final StepListener listener;
    private final SnapshotPaths paths;

    FileCopier(Engine engine, ArchiveContainers archives, SnapshotPaths paths, SnapshotStore store, BuildContext context,
               Map<String, String> labels, StepListener listener) {
        this.listener = listener;
        this.paths = paths;
        this.engine = engine;
        this.archives = archives;
        this.store = store;
        this.context = context;
        this.labels = labels;
    }

    /** @param sources holds what {@code --from} names, resolved before the step (see {@link #from}) */
    StepOutcome copy(Instruction.Copy raw, StepOutcome before, VariableScope scope, StepSources sources) {
        Instruction.Copy c = (Instruction.Copy) scope.expand(raw);
        String from = from(raw, scope);
        String sourceImage = from == null ? null : sources.get(from).imageId();
        List<Heredoc> heredocs = heredocSources(c, c.sources(), c::heredocSource, scope);
        return copyFiles(new CopyRequest(c, "COPY", c.sources(), c.dest(), new Origin(from, sourceImage), c.chown(),
                c.chmod(), c.excludes(), c.parents(), heredocs), before);
    }

    /** The stage or image a COPY's {@code --from} names, expanded, or null for the build context. */
    static String from(Instruction.Copy raw, VariableScope scope) {
        Instruction.Copy c = (Instruction.Copy) scope.expand(raw);
        return c.from() == null || c.from().isEmpty() ? null : scope.expander().expand(c.from());
    }

    StepOutcome add(Instruction.Add a, StepOutcome before, VariableScope scope) {
        for (String src : a.sources()) {
            if (AddSources.isGit(src)) {
                throw new StageshException(StepExecutor.where(a) + ": ADD of a git repository (" + src
                        + ") is not supported; clone it in a RUN step");
            }
        }
        boolean urls = a.sources().stream().anyMatch(AddSources::isUrl);
        boolean unpack = a.unpack() == null || a.unpack();
        boolean archives = unpack && !urls && a.heredocs().isEmpty() && a.sources().stream()
                .allMatch(src -> !src.contains("*") && !src.contains("?")
                        && AddSources.isArchive(context.root().resolve(src.startsWith("/") ? src.substring(1) : src)));
        if (urls || archives) {
            if (urls && !a.sources().stream().allMatch(AddSources::isUrl)) {
                throw new StageshException(StepExecutor.where(a) + ": URL and file sources in one ADD are not supported; split it");
            }
            return addDownloadsOrArchives(a, before, urls);
        }
        List<Heredoc> heredocs = heredocSources(a, a.sources(), a::heredocSource, scope);
        return copyFiles(new CopyRequest(a, "ADD", a.sources(), a.dest(), Origin.CONTEXT, a.chown(), a.chmod(),
                a.excludes(), false, heredocs), before);
    }

    /**
     * The heredoc sources of a COPY or ADD ({@code COPY <<EOF /dest}), their bodies expanded when
     * the delimiter is unquoted, as BuildKit does; empty when the sources are all files.
     */
    private static List<Heredoc> heredocSources(Instruction ins, List<String> sources,
                                                Function<String, Optional<Heredoc>> lookup, VariableScope scope) {
        List<Heredoc> out = new ArrayList<>();
        for (String src : sources) {
            Optional<Heredoc> h = lookup.apply(src);
            if (h.isPresent()) {
                Heredoc doc = h.get();
                String body = doc.chomp() ? doc.chompedContent() : doc.content();
                if (doc.expand()) {
                    body = new ShellLex(scope.escapeToken(), new ShellLex.Mode(true, true, false))
                            .processWord(body, scope.lookup());
                }
                out.add(new Heredoc(doc.name(), body, false, false, doc.fileDescriptor()));
            }
        }
        if (!out.isEmpty() && out.size() != sources.size()) {
            throw new StageshException(StepExecutor.where(ins)
                    + ": heredoc and file sources in one instruction are not supported; split it in two");
        }
        return out;
    }

    /** ADD of URLs (downloaded) or of local archives (extracted). */
    private StepOutcome addDownloadsOrArchives(Instruction.Add a, StepOutcome before, boolean urls) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        String workdir = config.workingDir().isEmpty() ? "/" : config.workingDir();
        String destPath = Paths.resolve(workdir, a.dest());
        String history = HistoryText.copy(new HistoryText.CopyLine("ADD", false, a.chown(), a.chmod(), a.sources(),
                List.of(), a.dest()));
        List<AddSources.Download> downloads = new ArrayList<>();
        try {
            StringBuilder sum = new StringBuilder();
            if (urls) {
                for (String url : a.sources()) {
                    AddSources.Download d = AddSources.download(url, a.checksum(), StepExecutor.where(a));
                    downloads.add(d);
                    sum.append(url).append(d.sha256()).append('\n');
                }
            } else {
                CopySources resolved = context.resolve(a.sources());
                sum.append(context.checksum(resolved));
            }
            boolean intoDir = a.dest().endsWith("/") || a.sources().size() > 1 || !urls || isDirectory(snap, destPath);
            String key = store.key(snap, new CacheKey(snap.imageId(), history).add("content", sum.toString())
                    .add("chmod", a.chmod()).add("chown", a.chown()).add("dest", destPath));
            var hit = store.lookup(key);
            String image;
            if (hit.isPresent()) {
                image = hit.get();
            } else {
                boolean chown = !urls && a.chown() != null && !a.chown().isEmpty();
                dev.stagesh.context.Ownership owner = chown ? paths.ownerIds(snap).resolve(a.chown()) : null;
                // BuildKit makes the destination of an extraction with mkdir -p at 0755, whatever --chmod says
                List<CreatedDir> createdDirs = chown ? createdDirs(snap, paths.missingDirs(snap, destPath), 0755,
                        owner.uid(), owner.gid(), true) : List.of();
                TarSource writer = out -> {
                    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(out))) {
                        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                        if (urls) {
                            for (AddSources.Download d : downloads) {
                                String path = intoDir ? Paths.resolve(destPath, d.name()) : destPath;
                                TarArchiveEntry e = new TarArchiveEntry(path.substring(1));
                                e.setMode(a.chmod() != null ? CopyOptions.parseChmod(a.chmod()) : 0600);
                                e.setSize(java.nio.file.Files.size(d.file()));
                                e.setModTime(d.mtimeMillis());
                                tar.putArchiveEntry(e);
                                java.nio.file.Files.copy(d.file(), tar);
                                tar.closeArchiveEntry();
                            }
                        } else {
                            // with --chown, the directories the extraction creates get the owner, as
                            // docker build's mkdir -p does, and so does every entry of the archive
                            for (CreatedDir dir : createdDirs) {
                                dir.writeTo(tar);
                            }
                            for (String src : a.sources()) {
                                AddSources.extractTo(context.root().resolve(src.startsWith("/") ? src.substring(1) : src),
                                        destPath, owner, tar);
                            }
                        }
                    }
                };
                image = commitCopy(snap, new Payload(key, writer), key);
                store.created(image, key);
            }
            Snapshot after = snap.committed(image, config, new HistoryEntry(history, store.emptyLayer(snap, image)));
            return new StepOutcome(after, StepExecutor.since(start), hit.isPresent(), before.cmdSetInStage());
        } finally {
            downloads.forEach(AddSources.Download::close);
        }
    }

    /** A directory a copy creates, as its tar entry will say. */
    private record CreatedDir(String path, int mode, int uid, int gid) {
        void writeTo(TarArchiveOutputStream tar) throws IOException {
            writeDir(tar, path, new ImageDirs.Header(mode, uid, gid), System.currentTimeMillis());
        }
    }

    private static void writeDir(TarArchiveOutputStream tar, String path, ImageDirs.Header header, long mtimeMillis)
            throws IOException {
        TarArchiveEntry d = new TarArchiveEntry(path.substring(1) + "/");
        d.setMode(header.mode());
        d.setIds(header.uid(), header.gid());
        d.setModTime(mtimeMillis);
        tar.putArchiveEntry(d);
        tar.closeArchiveEntry();
    }

    /**
     * WORKDIR's missing directories (root first), made as mkdir makes them ({@link #createdDirs}),
     * written as one tar into a fresh container of the snapshot and committed: nothing is started.
     *
     * @param groupGiven whether the group is set (a chown after the mkdir), not inherited
     */
    String makeDirs(Snapshot snap, List<String> missing, int uid, int gid, boolean groupGiven, String key) {
        List<CreatedDir> dirs = createdDirs(snap, missing, 0755, uid, gid, groupGiven);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (CreatedDir d : dirs) {
                d.writeTo(tar);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: cannot happen
        }
        String container = archives.writer(snap);
        try {
            engine.putArchive(container, "/", new java.io.ByteArrayInputStream(bytes.toByteArray()));
            return engine.commit(container, store.labels(key));
        } finally {
            archives.removeLater(container);
        }
    }

    /**
     * The missing directories (root first) as mkdir makes them: the given mode and owner, and
     * inside a set-group-ID directory the bit and, unless the group was given, the parent's group.
     */
    private List<CreatedDir> createdDirs(Snapshot snap, List<String> missing, int mode, int uid, int gid,
                                         boolean groupGiven) {
        List<CreatedDir> out = new ArrayList<>();
        boolean setgid = false;
        int parentGid = 0;
        if (!missing.isEmpty()) {
            ImageDirs.Dir parent = paths.directory(snap, Paths.parent(missing.get(0))).orElse(ImageDirs.Dir.PLAIN);
            setgid = parent.setgid();
            parentGid = parent.gid();
        }
        for (String dir : missing) {
            int g = setgid && !groupGiven ? parentGid : gid;
            out.add(new CreatedDir(dir, setgid ? mode | 02000 : mode, uid, g));
            parentGid = g;
        }
        return out;
    }

    /**
     * Where a COPY's files come from: the build context ({@link #CONTEXT}), or a stage or image
     * ({@code --from}) with {@code from} the reference as written and {@code sourceImage} the image
     * holding its files.
     */
    private record Origin(String from, String sourceImage) {
        static final Origin CONTEXT = new Origin(null, null);
    }

    /**
     * A COPY or ADD of files (not ADD's downloads or archives), its words already expanded.
     *
     * @param keyword  COPY or ADD, as the history names it
     * @param heredocs the bodies of heredoc sources; empty when the sources are files
     */
    private record CopyRequest(Instruction instruction, String keyword, List<String> sources, String dest,
                               Origin origin, String chown, String chmod, List<String> excludes, boolean parents,
                               List<Heredoc> heredocs) {}

    /** Copies the request's sources to its destination in one committed layer, or finds that layer cached. */
    private StepOutcome copyFiles(CopyRequest request, StepOutcome before) {
        long start = System.nanoTime();
        Snapshot snap = before.snapshot();
        ImageConfig config = snap.config();
        String workdir = config.workingDir().isEmpty() ? "/" : config.workingDir();
        String chown = request.chown();
        String chmod = request.chmod();
        String dest = request.dest();
        List<Heredoc> heredocs = request.heredocs();
        CopyOptions options = CopyOptions.defaults()
                .withExcludes(request.excludes() == null ? List.of() : request.excludes())
                .withParents(request.parents());
        if (chmod != null && !chmod.isEmpty()) {
            options = options.withChmod(chmod);
        }
        if (chown != null && !chown.isEmpty()) {
            options = options.withChown(paths.ownerIds(snap).resolve(chown));
        }
        String history = HistoryText.copy(new HistoryText.CopyLine(request.keyword(), request.parents(), chown, chmod,
                heredocs.isEmpty() ? request.sources() : List.of(), heredocs.stream().map(Heredoc::name).toList(), dest));

        var hit = Optional.<String>empty();
        String image;
        Origin origin = request.origin();
        try (Payload payload = !heredocs.isEmpty() ? fromHeredocs(heredocs, dest, workdir, options, snap)
                : origin.from() == null ? fromContext(request.sources(), dest, workdir, options, snap)
                : fromImage(request.instruction(), origin.from(), origin.sourceImage(), request.sources(), dest,
                        workdir, options, snap)) {
            // the destination as placed: a WORKDIR of a directory the parent has makes no image, so a
            // relative destination is placed by a working directory that nothing else in the key names
            String key = store.key(snap, new CacheKey(snap.imageId(), history).add("content", payload.checksum())
                    .add("chmod", chmod).add("chown", chown).add("dest", Paths.resolve(workdir, dest)));
            hit = store.lookup(key);
            if (hit.isPresent()) {
                image = hit.get();
            } else {
                image = commitCopy(snap, payload, key);
                store.created(image, key);
            }
        }
        Snapshot after = snap.committed(image, config, new HistoryEntry(history, store.emptyLayer(snap, image)));
        return new StepOutcome(after, StepExecutor.since(start), hit.isPresent(), before.cmdSetInStage());
    }

    /** Writes the tar into a fresh mount-less container of the snapshot and commits it. */
    private String commitCopy(Snapshot snap, Payload payload, String key) {
        String container = archives.writer(snap);
        try {
            stream(payload.writer(), tar -> engine.putArchive(container, "/",
                    new CountingInputStream(tar, sent -> listener.transferred(sent, payload.size()))));
            return engine.commit(container, store.labels(key));
        } finally {
            archives.removeLater(container);
        }
    }

    /**
     * Fills the volume of a {@code RUN --mount=type=bind}: the source's files from the build
     * context, or from another stage or image when {@code from} is given. It is written through a
     * helper container that mounts only that volume: the engine's archive API creates the mount
     * points of the container it writes into in that container's layer, so writing through the
     * RUN's own container would commit the toolbox's /dev/.stagesh into the image.
     */
    void fillMount(Instruction ins, String from, String sourceImage, String source, String volume) {
        String platform = engine.platform();
        String empty = ScratchImage.ensure(engine, platform.substring(0, platform.indexOf('/')),
                platform.substring(platform.indexOf('/') + 1));
        String helper = engine.createContainer(new ContainerSpec(empty, Toolbox.keepAlive(), List.of(), List.of(),
                "/", "0", labels, List.of(new ContainerSpec.MountSpec(ContainerSpec.MountSpec.Kind.VOLUME, volume,
                "/fill", false)), "none"));
        // the tar is put at the mount point itself: Podman writes an archive put at / into the
        // container's root, not into a volume mounted below it
        try (Payload payload = from == null
                ? fromContext(List.of(source), "/", "/", CopyOptions.defaults(), null)
                : fromImage(ins, from, sourceImage, List.of(source), "/", "/", CopyOptions.defaults(), null)) {
            stream(payload.writer(), tar -> engine.putArchive(helper, "/fill", tar));
        } finally {
            engine.removeContainer(helper);
        }
    }

    /**
     * The name of a bind mount's source when it is one file (a symlink named so, when it points
     * to one), which {@link #fillMount} puts at the top of the volume; empty for a directory.
     *
     * @param sourceImage the image holding {@code from}'s files, or null for the build context
     */
    Optional<String> singleFileName(Instruction ins, String from, String sourceImage, String source) {
        if (from == null) {
            CopySources resolved = context.resolve(List.of(source));
            return resolved.count() != 1 || resolved.sources().get(0).isDirectory() ? Optional.empty()
                    : Optional.of(Paths.baseName(resolved.sources().get(0).path()));
        }
        return inImage(ins, from, sourceImage, source, (container, path, stat) ->
                stat.isDirectory() ? Optional.empty() : Optional.of(Paths.baseName(Paths.resolve("/", source))));
    }

    @FunctionalInterface
    private interface InImage<T> {
        Optional<T> read(String container, String path, PathStat stat);
    }

    /** Reads a source path of an image (a symlink followed) through a container of it made for that. */
    private <T> Optional<T> inImage(Instruction ins, String from, String sourceImage, String source, InImage<T> read) {
        String container = engine.createContainer(new ContainerSpec(sourceImage, Toolbox.keepAlive(), List.of(),
                List.of(), "/", "0", labels, List.of(), "none"));
        try {
            String path = Paths.resolve("/", source);
            Optional<PathStat> stat = engine.stat(container, path);
            if (stat.isPresent() && stat.get().isSymlink()) {
                path = stat.get().linkTarget().startsWith("/") ? stat.get().linkTarget()
                        : Paths.resolve(Paths.parent(path), stat.get().linkTarget());
                stat = engine.stat(container, path);
            }
            if (stat.isEmpty()) {
                throw new StageshException(StepExecutor.where(ins) + ": " + source + " not found in " + from);
            }
            return read.read(container, path, stat.get());
        } finally {
            engine.removeContainer(container);
        }
    }

    /** What a COPY puts into the container: a checksum for the cache, and a tar writer. */
    private record Payload(String checksum, TarSource writer, Runnable release, long size) implements AutoCloseable {
        Payload(String checksum, TarSource writer) {
            this(checksum, writer, () -> { }, -1);
        }

        Payload(String checksum, TarSource writer, Runnable release) {
            this(checksum, writer, release, -1);
        }

        @Override
        public void close() {
            release.run();
        }
    }

    @FunctionalInterface
    private interface TarSource {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Files whose content is written in the Dockerfile: each lands at dest, or dest/NAME for a directory. */
    private Payload fromHeredocs(List<Heredoc> docs, String dest, String workdir, CopyOptions options, Snapshot snap) {
        String destPath = Paths.resolve(workdir, dest);
        boolean intoDir = dest.endsWith("/") || docs.size() > 1 || isDirectory(snap, destPath);
        StringBuilder sum = new StringBuilder();
        for (Heredoc d : docs) {
            sum.append(d.name()).append('\0').append(d.content()).append('\0');
        }
        TarSource writer = out -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(out))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Heredoc d : docs) {
                    String path = intoDir ? Paths.resolve(destPath, d.name()) : destPath;
                    byte[] bytes = d.content().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry e = new TarArchiveEntry(path.substring(1));
                    e.setMode(options.chmod() != null ? options.chmod() : 0644);
                    e.setIds(options.uid() == null ? 0 : options.uid(), options.gid() == null ? 0 : options.gid());
                    e.setSize(bytes.length);
                    e.setModTime(System.currentTimeMillis());
                    tar.putArchiveEntry(e);
                    tar.write(bytes);
                    tar.closeArchiveEntry();
                }
            }
        };
        return new Payload(ImageCommitter.sha256(sum.toString().getBytes(StandardCharsets.UTF_8)), writer);
    }

    private Payload fromContext(List<String> sources, String dest, String workdir, CopyOptions options, Snapshot snap) {
        CopySources resolved = context.resolve(sources);
        TarPlan plan = context.planInto(resolved, dest, workdir, options,
                snap == null ? path -> Optional.empty() : paths.imageDirs(snap));
        return new Payload(context.checksum(resolved, options), plan::writeTo, () -> { }, plan.tarBytes());
    }

    private boolean isDirectory(Snapshot snap, String path) {
        return paths.isDirectory(snap, path);
    }

    /**
     * Sources read from another stage's (or an image's) filesystem. Each is fetched with the
     * archive API and its entries renamed to where docker build would place them.
     */
    private Payload fromImage(Instruction ins, String from, String sourceImage, List<String> sources, String dest,
                              String workdir, CopyOptions options, Snapshot snap) {
        boolean destIsDir = dest.endsWith("/") || dest.equals(".") || sources.size() > 1 || isDirectory(snap,
                Paths.resolve(workdir, dest));
        String destPath = Paths.resolve(workdir, dest);
        String container = engine.createContainer(new ContainerSpec(sourceImage, Toolbox.keepAlive(), List.of(),
                List.of(), "/", "0", labels, List.of(), "none"));
        try {
            List<Placed> placed = new ArrayList<>();
            StringBuilder sum = new StringBuilder(sourceImage);
            List<String> matched = new ArrayList<>();
            for (String src : sources) {
                List<String> m;
                try {
                    m = hasWildcard(src) ? glob(container, Paths.resolve("/", src)) : List.of(src);
                } catch (IllegalArgumentException e) {
                    throw new StageshException(StepExecutor.where(ins) + ": " + src + ": syntax error in pattern");
                }
                if (m.isEmpty()) {
                    throw new StageshException(StepExecutor.where(ins) + ": " + src + " matches nothing in " + from);
                }
                matched.addAll(m);
            }
            boolean intoDir = destIsDir || matched.size() > 1;
            for (String src : matched) {
                String srcPath = Paths.resolve("/", src);
                PathStat stat = engine.stat(container, srcPath).orElseThrow(() -> new StageshException(
                        StepExecutor.where(ins) + ": " + src + " not found in " + from));
                String name = stat.name();
                if (stat.isSymlink() && !stat.linkTarget().isEmpty()) {
                    // a source that is a symlink is followed: what it points to is copied, under the link's name
                    srcPath = stat.linkTarget();
                    stat = engine.stat(container, srcPath).orElseThrow(() -> new StageshException(
                            StepExecutor.where(ins) + ": " + src + " is a dangling symlink in " + from));
                }
                String target = stat.isDirectory() ? destPath
                        : intoDir ? Paths.resolve(destPath, name) : destPath;
                placed.add(new Placed(srcPath, stat.isDirectory(), target, null));
                sum.append('\n').append(srcPath).append("->").append(target);
            }
            String checksum = ImageCommitter.sha256(sum.toString().getBytes(StandardCharsets.UTF_8));
            // the directories the copy creates are made as docker build's mkdir -p makes them: with
            // --chown they get the owner, and inside a set-group-ID directory the bit and its group
            java.util.LinkedHashSet<String> missing = new java.util.LinkedHashSet<>();
            if (snap != null) {
                for (Placed p : placed) {
                    String dir = p.directory() ? p.target() : Paths.parent(p.target());
                    missing.addAll(paths.missingDirs(snap, dir));
                }
            }
            List<CreatedDir> created = snap == null ? List.of() : createdDirs(snap, List.copyOf(missing),
                    options.createdDirMode(), options.uid() == null ? 0 : options.uid(),
                    options.gid() == null ? 0 : options.gid(), options.gid() != null);
            // a directory source's destination gets the source's mtime once its contents are in, created
            // or not (BuildKit's copier sets it last); its header is written again for that, as it is
            if (snap != null) {
                for (int i = 0; i < placed.size(); i++) {
                    Placed p = placed.get(i);
                    if (p.directory() && !p.target().equals("/")) {
                        Optional<ImageDirs.Header> header = created.stream().filter(d -> d.path().equals(p.target()))
                                .findFirst().map(d -> new ImageDirs.Header(d.mode(), d.uid(), d.gid()))
                                .or(() -> paths.header(snap, p.target()));
                        placed.set(i, new Placed(p.source(), true, p.target(), header.orElse(null)));
                    }
                }
            }
            // the source container is needed while the tar streams, so it is read eagerly into the plan
            return new Payload(checksum, out -> writeFromContainer(container, placed, created, options, out),
                    () -> archives.removeLater(container));
        } catch (RuntimeException e) {
            engine.removeContainer(container);
            throw e;
        }
    }

    /** @param targetHeader for a directory source, its destination's mode and owner to write with the source's time */
    private record Placed(String source, boolean directory, String target, ImageDirs.Header targetHeader) {}

    /** Whether a source is a pattern (Go's filepath.Match metacharacters), as docker build expands them. */
    static boolean hasWildcard(String source) {
        return source.contains("*") || source.contains("?") || source.contains("[");
    }

    /**
     * The paths in the container matching an absolute pattern, in name order; a component with
     * wildcards matches names in its directory ({@code *} never crosses a slash).
     */
    private List<String> glob(String container, String pattern) {
        List<String> current = List.of("/");
        for (String part : pattern.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String dir : current) {
                if (!hasWildcard(part)) {
                    String p = Paths.resolve(dir, part);
                    if (engine.stat(container, p).isPresent()) {
                        next.add(p);
                    }
                    continue;
                }
                // Go's filepath.Match, as BuildKit matches: braces are literal, unlike the JDK's glob
                for (String name : childNames(container, dir)) {
                    if (GoGlob.match(part, name)) {
                        next.add(Paths.resolve(dir, name));
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** The names in a directory of the container, sorted. */
    private List<String> childNames(String container, String dir) {
        var stat = engine.stat(container, dir);
        if (stat.isEmpty() || !stat.get().isDirectory()) {
            return List.of();
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        Optional<InputStream> archive = engine.getArchive(container, dir);
        if (archive.isEmpty()) {
            return List.of();
        }
        try (TarArchiveInputStream in = new TarArchiveInputStream(archive.get())) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String[] parts = e.getName().split("/");
                if (parts.length >= 2 && !parts[1].isEmpty()) {
                    names.add(parts[1]);
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    private void writeFromContainer(String container, List<Placed> placed, List<CreatedDir> createdDirs,
                                    CopyOptions options, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosingOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (CreatedDir dir : createdDirs) {
                dir.writeTo(tar);
            }
            for (Placed p : placed) {
                Optional<InputStream> archive = engine.getArchive(container, p.source());
                if (archive.isEmpty()) {
                    throw new EngineException(p.source() + " vanished while copying");
                }
                try (TarArchiveInputStream in = new TarArchiveInputStream(archive.get())) {
                    TarArchiveEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        String name = e.getName();
                        int slash = name.indexOf('/');
                        String rest = slash < 0 || slash == name.length() - 1 ? "" : name.substring(slash + 1);
                        String target = rest.isEmpty() ? p.target() : Paths.resolve(p.target(), rest);
                        if (p.directory() && rest.isEmpty()) {
                            // a directory's contents are copied, not the directory itself: only its time
                            if (p.targetHeader() != null) {
                                writeDir(tar, p.target(), p.targetHeader(), e.getModTime().getTime());
                            }
                            continue;
                        }
                        String tarName = target.substring(1) + (e.isDirectory() ? "/" : "");
                        TarArchiveEntry copy = new TarArchiveEntry(tarName, e.getLinkFlag());
                        // --chmod replaces the whole mode (a set-user-ID source copied with 640 is 0640),
                        // and without --chown the files keep their owners, as docker build copies between stages
                        copy.setMode(options.copiedMode(e.getMode(), e.isSymbolicLink()));
                        copy.setUserId(options.uid() == null ? e.getLongUserId() : options.uid());
                        copy.setGroupId(options.gid() == null ? e.getLongGroupId() : options.gid());
                        copy.setModTime(e.getModTime());
                        copy.setSize(e.isFile() ? e.getSize() : 0);
                        TarXattrs.copy(e, copy); // file capabilities stay, as BuildKit's copy keeps them
                        if (e.isSymbolicLink()) {
                            copy.setLinkName(e.getLinkName());
                        } else if (e.isLink()) {
                            String link = e.getLinkName();
                            int s = link.indexOf('/');
                            String linkRest = s < 0 ? "" : link.substring(s + 1);
                            copy.setLinkName(Paths.resolve(p.target(), linkRest).substring(1));
                        }
                        tar.putArchiveEntry(copy);
                        if (e.isFile()) {
                            in.transferTo(tar);
                        }
                        tar.closeArchiveEntry();
                    }
                }
            }
        }
    }

    /** Runs the writer on its own thread, feeding the consumer through a pipe. */
    static void stream(TarSource writer, Consumer<InputStream> consumer) {
        try (PipedInputStream in = new PipedInputStream(1 << 16)) {
            PipedOutputStream out = new PipedOutputStream(in);
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                try (out) {
                    writer.writeTo(out);
                } catch (IOException e) {
                    throw new EngineException("copy: " + e.getMessage(), e);
                }
            });
            try {
                consumer.accept(in);
            } finally {
                in.close();
            }
            producer.get();
        } catch (IOException e) {
            throw new EngineException("copy: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("copy interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new EngineException("copy: " + cause.getMessage(), cause);
        }
    }
}
