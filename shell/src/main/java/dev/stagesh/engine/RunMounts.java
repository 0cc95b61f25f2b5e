package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.context.BuildContext;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerSpec.MountSpec;
import dev.stagesh.docker.Engine;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.Mount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The mounts of {@code RUN --mount}, made with what the engine offers: a cache mount is a named
 * volume kept across steps and sessions; a tmpfs is a tmpfs; a bind mount of the context or of
 * another stage is a fresh volume filled with those files before the command starts (so it works
 * on a remote engine too; read-only unless {@code rw}, whose writes are discarded as BuildKit discards them); a secret is
 * a file of a memory-backed volume filled through the API ({@link SecretVolume}); its bytes never
 * enter a layer, the history or the config. A single file, bound or secret, is mounted as one
 * path of its volume (Subpath), or where the engine cannot, bind-mounted from the volume's path in
 * the engine's own filesystem: never from a path of this machine, which the engine may not see.
 */
final class RunMounts {
    static final String CACHE_VOLUME_LABEL = "stagesh.cache-mount";

    private final Engine engine;
    private final Toolbox toolbox;
    private final BuildContext context;
    private final FileCopier copier;
    private final Map<String, String> sessionLabels;
    private final Map<String, Path> secrets;
    private final java.util.function.Consumer<String> notices;

    RunMounts(Engine engine, Toolbox toolbox, BuildContext context, FileCopier copier,
              Map<String, String> sessionLabels, Map<String, Path> secrets, java.util.function.Consumer<String> notices) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.context = context;
        this.copier = copier;
        this.sessionLabels = sessionLabels;
        this.secrets = secrets;
        this.notices = notices;
    }

    MountSpec toolbox() {
        return toolbox.mount();
    }

    /**
     * What the mounts add to a RUN's cache key: the mount specs, the bound files' content, and for
     * a mount {@code from=} a stage or image, the snapshot it binds (so a changed stage is no hit).
     */
    String cacheKey(Instruction.Run r, StepSources sources) {
        StringBuilder key = new StringBuilder();
        for (Mount m : r.mounts()) {
            key.append(m.type()).append(m.options()).append('\n');
            if (m.type().equals("bind") && from(m) == null) {
                key.append(context.checksum(context.resolve(List.of(source(m))))).append('\n');
            } else if (from(m) != null) {
                key.append("from ").append(sources.get(from(m)).imageId()).append('\n');
            }
        }
        return key.toString();
    }

    /** The stage or image a mount's {@code from=} names, or null. */
    static String from(Mount m) {
        return m.from() == null || m.from().isEmpty() ? null : m.from();
    }

    /**
     * Where a mount goes: a relative target is relative to the WORKDIR, as BuildKit resolves it
     * ({@code target=package.json}, the pattern {@code docker init} writes).
     */
    static String target(Mount m, String workdir) {
        String t = m.target();
        return t == null || t.isEmpty() || t.startsWith("/") ? t : Paths.resolve(workdir, t);
    }

    /** The mounts of one RUN, with whatever they need created; closing removes what was temporary. */
    interface Prepared extends AutoCloseable {
        List<MountSpec> mounts();

        /** Fills bind mounts; called after the container is created, before it starts. */
        void populate(String containerId);

        @Override
        void close();
    }

    /**
     * @param sources what the mounts' {@code from=} name, resolved before the step
     * @param workdir the RUN's working directory, for relative targets
     */
    Prepared prepare(Instruction.Run r, StepSources sources, String workdir) {
        List<MountSpec> specs = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        Map<String, Mount> binds = new LinkedHashMap<>();
        SecretVolume secretVolume = new SecretVolume(engine, toolbox, sessionLabels, notices);
        Runnable release = () -> {
            secretVolume.close();
            temporary.forEach(this::removeVolume);
        };
        List<java.util.function.Supplier<MountSpec>> secretBinds = new ArrayList<>();
        try {
            for (Mount m : r.mounts()) {
                String target = target(m, workdir);
                switch (m.type()) {
                    case "cache" -> specs.add(new MountSpec(MountSpec.Kind.VOLUME, cacheVolume(r, m), target, false));
                    case "tmpfs" -> specs.add(new MountSpec(MountSpec.Kind.TMPFS, null, target, false));
                    case "bind" -> {
                        String image = from(m) == null ? null : sources.get(from(m)).imageId();
                        // one file is bound as a file: a whole volume would be a directory holding it
                        var file = copier.singleFileName(r, from(m), image, source(m));
                        String volume = bindVolume(temporary);
                        if (file.isPresent() && !engine.capabilities().volumeSubpaths()) {
                            specs.add(singleFileBind(r, m, image, file.get(), volume, target));
                        } else {
                            // read-only unless rw, as BuildKit binds: a write fails there, not only discarded
                            specs.add(new MountSpec(MountSpec.Kind.VOLUME, volume, target, m.readonly(), file.orElse(null)));
                            binds.put(volume, m);
                        }
                    }
                    case "secret" -> secret(r, m, workdir, secretVolume, secretBinds::add).ifPresent(specs::add);
                    case "ssh" -> {
                        if ("true".equals(m.option("required"))) {
                            throw RunStep.unsupported(r, "ssh mounts are not supported (no agent is forwarded)");
                        }
                    }
                    default -> throw RunStep.unsupported(r, "unknown mount type " + m.type());
                }
            }
            secretVolume.write();
            secretBinds.forEach(b -> specs.add(b.get()));
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return new Prepared() {
            @Override
            public List<MountSpec> mounts() {
                return specs;
            }

            @Override
            public void populate(String containerId) {
                binds.forEach((volume, m) -> copier.fillMount(r, from(m),
                        from(m) == null ? null : sources.get(from(m)).imageId(), source(m), volume));
            }

            @Override
            public void close() {
                // the RUN's container may still hold a volume (it is removed off the step's path):
                // what cannot go now, the session removes when it ends
                release.run();
            }
        };
    }

    /** A fresh volume for one bind mount's files, removed with the step. */
    private String bindVolume(List<String> temporary) {
        String volume = "stagesh-bind-" + UUID.randomUUID().toString().substring(0, 12);
        engine.createVolume(volume, sessionLabels);
        temporary.add(volume);
        return volume;
    }

    /**
     * A bind mount of one file on an engine that cannot mount one path of a volume (Podman,
     * whose compatible API ignores Subpath; Docker before API 1.45): the file is written into the
     * volume through the API and bound from where the volume is in the engine's own filesystem, a
     * path the engine sees wherever it runs (remote, or in a root filesystem of its own), as
     * {@link SecretVolume} does. No path of this machine is given to the engine. It is filled
     * now, not once the RUN's container exists: the engine checks a bind's source when it creates
     * the container. Writes to it ({@code rw}) go to the volume and are discarded with it.
     */
    private MountSpec singleFileBind(Instruction.Run r, Mount m, String image, String name, String volume,
                                     String target) {
        copier.fillMount(r, from(m), image, source(m), volume);
        String dir = engine.volumeMountpoint(volume).orElseThrow(() -> engine.capabilities().unsupportedAt(
                StepExecutor.where(r), "a bind mount of the single file " + source(m),
                "it mounts no single file of a volume (API 1.45, Docker 26) and names no path for volume " + volume));
        return new MountSpec(MountSpec.Kind.BIND, dir + "/" + name, target, m.readonly());
    }

    private void removeVolume(String volume) {
        try {
            engine.removeVolume(volume);
        } catch (RuntimeException ignored) {
            // still in use by the spent container: the session's end, or the next start, removes it
        }
    }

    private static String source(Mount m) {
        return m.source() == null || m.source().isEmpty() ? "." : m.source();
    }

    private String cacheVolume(Instruction.Run r, Mount m) {
        String id = m.id() != null && !m.id().isEmpty() ? m.id() : m.target();
        String name = "stagesh-cache-" + ImageCommitter.sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        if (!engine.volumeExists(name)) {
            engine.createVolume(name, Map.of(SessionId.SESSION, "cache", CACHE_VOLUME_LABEL, id));
            try {
                own(r, m, name);
            } catch (RuntimeException e) {
                // a cache whose owner was not set is not kept: the next RUN makes it anew
                removeVolume(name);
                throw e;
            }
        }
        return name;
    }

    /**
     * Gives a new cache's top directory the {@code uid}, {@code gid} and {@code mode} its mount
     * names (0755 and root's for what it leaves out), as BuildKit makes a cache when it creates it,
     * so a RUN under a non-root USER can write to a cache mounted with {@code uid=1000}. A cache
     * that exists keeps what it has, as in BuildKit. Done in a short helper with only the volume
     * and the toolbox mounted; nothing is set for a mount that names none of the three.
     */
    private void own(Instruction.Run r, Mount m, String volume) {
        if (m.option("uid") == null && m.option("gid") == null && m.option("mode") == null) {
            return;
        }
        String platform = engine.platform();
        String empty = ScratchImage.ensure(engine, platform.substring(0, platform.indexOf('/')),
                platform.substring(platform.indexOf('/') + 1));
        String script = "chown " + number(m.option("uid")) + ":" + number(m.option("gid")) + " /cache && chmod "
                + Integer.toOctalString(octal(m.option("mode"), 0755)) + " /cache";
        int code = toolbox.runHelper(new ContainerSpec(empty, Toolbox.busybox("sh", "-c", script), List.of(),
                List.of(), "/", "0", sessionLabels, List.of(toolbox.mount(),
                new MountSpec(MountSpec.Kind.VOLUME, volume, "/cache", false)), "none"));
        if (code != 0) {
            throw new StageshException(StepExecutor.where(r) + ": cannot give the cache " + volume + " the owner "
                    + number(m.option("uid")) + ":" + number(m.option("gid")) + " its mount names");
        }
    }

    /**
     * A secret's mount: a file of a memory-backed volume written through the API, mounted at the
     * target as one path of the volume where the engine can (Docker API 1.45+), else bind-mounted
     * from where the volume is in the engine's own filesystem (Podman, whose compatible API
     * ignores Subpath; older Docker). No path of this machine is ever given to the engine, which
     * may not see them (a remote engine, or one in a root filesystem of its own).
     */
    private java.util.Optional<MountSpec> secret(Instruction.Run r, Mount m, String workdir, SecretVolume volume,
                                                 java.util.function.Consumer<java.util.function.Supplier<MountSpec>> binds) {
        String id = m.id() != null && !m.id().isEmpty() ? m.id()
                : m.target() != null ? Paths.baseName(m.target()) : null;
        if (id == null) {
            throw RunStep.unsupported(r, "a secret mount needs id= or target=");
        }
        Path file = secrets.get(id);
        if (file == null) {
            if ("true".equals(m.option("required"))) {
                throw new StageshException(StepExecutor.where(r) + ": secret " + id
                        + " is required but was not given (--secret id=" + id + ",src=FILE)");
            }
            return java.util.Optional.empty();
        }
        if (!Files.isReadable(file)) {
            throw new StageshException("--secret id=" + id + ": cannot read " + file);
        }
        String target = m.target() != null && !m.target().isEmpty() ? target(m, workdir) : "/run/secrets/" + id;
        var secret = new SecretVolume.Secret(id.replace('/', '_'), file, target, octal(m.option("mode"), 0400),
                number(m.option("uid")), number(m.option("gid")));
        if (engine.capabilities().volumeSubpaths()) {
            return java.util.Optional.of(volume.add(secret));
        }
        binds.accept(volume.addAsBind(secret));
        return java.util.Optional.empty();
    }

    private static int octal(String s, int fallback) {
        try {
            return s == null || s.isEmpty() ? fallback : Integer.parseInt(s, 8);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long number(String s) {
        try {
            return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
