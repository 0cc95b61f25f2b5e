package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.docker.ContainerSpec;
import dev.stagesh.docker.ContainerStartException;
import dev.stagesh.docker.ContainerSpec.MountSpec;
import dev.stagesh.docker.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The secrets of one RUN, sent through the engine's API into a memory-backed volume and mounted
 * file by file ({@code Subpath}) at their targets, read-only: it works on engines that cannot
 * see this machine's files (remote ones, or ones in a root filesystem of their own), and the
 * bytes never reach the engine's disk, nor any layer, history entry or config.
 *
 * <p>A tmpfs volume keeps its files only while a container that mounts it runs, so a keeper
 * (a sleeping container with no network) holds it from before the files are written until
 * the step is over.
 */
final class SecretVolume implements AutoCloseable {
    private static final String MOUNT = "/secrets";

    private final Engine engine;
    private final Toolbox toolbox;
    private final Map<String, String> labels;
    private final java.util.function.Consumer<String> notices;
    private final List<Secret> secrets = new ArrayList<>();
    private String volume;
    private String keeper;

    /** One secret: its id (the file's name in the volume), the client's file, where and how the RUN sees it. */
    record Secret(String id, Path file, String target, int mode, long uid, long gid) {}

    SecretVolume(Engine engine, Toolbox toolbox, Map<String, String> labels, java.util.function.Consumer<String> notices) {
        this.engine = engine;
        this.toolbox = toolbox;
        this.labels = labels;
        this.notices = notices;
    }

    /** Adds a secret mounted as one file of the volume; its mount is valid once {@link #write()} has run. */
    MountSpec add(Secret secret) {
        secrets.add(secret);
        return new MountSpec(MountSpec.Kind.VOLUME, volumeName(), secret.target(), true, secret.id());
    }

    /**
     * Adds a secret bind-mounted from its file inside the volume, for engines that cannot mount
     * one file of a volume: the path is the volume's in the engine's own filesystem (a path the
     * engine sees, wherever it runs), asked of it once the volume exists. Valid after {@link #write()}.
     */
    java.util.function.Supplier<MountSpec> addAsBind(Secret secret) {
        secrets.add(secret);
        return () -> new MountSpec(MountSpec.Kind.BIND, engine.volumeMountpoint(volume)
                .orElseThrow(() -> new dev.stagesh.docker.EngineException("the engine does not say where volume "
                        + volume + " is")) + "/" + secret.id(), secret.target(), true);
    }

    private String volumeName() {
        if (volume == null) {
            volume = "stagesh-secret-" + UUID.randomUUID().toString().substring(0, 12);
        }
        return volume;
    }

    boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * Creates the volume and its keeper and writes every secret into it. An engine that cannot
     * mount a tmpfs volume (Podman needs the mount binary for one) gets a plain volume instead,
     * removed with the step, and the user is told the secret touched the engine's disk.
     */
    void write() {
        if (secrets.isEmpty()) {
            return;
        }
        try {
            writeInto(true);
        } catch (ContainerStartException e) {
            close();
            notices.accept(engine.capabilities().describe() + " cannot mount a memory-backed volume (" + e.reason()
                    + "): this RUN's secrets are on the engine's disk until the step ends");
            writeInto(false);
        }
    }

    private void writeInto(boolean memory) {
        keeper = null;
        String platform = engine.platform();
        String image = ScratchImage.ensure(engine, platform.substring(0, platform.indexOf('/')),
                platform.substring(platform.indexOf('/') + 1));
        MountSpec mount = new MountSpec(MountSpec.Kind.VOLUME, volumeName(), MOUNT, false);
        if (!memory) {
            // a plain volume keeps its files: written through a container that never starts,
            // as every engine mounts a stopped container's volumes for an archive call
            engine.createVolume(volume, labels);
            String filler = engine.createContainer(new ContainerSpec(image, Toolbox.keepAlive(), List.of(), List.of(),
                    "/", "0", labels, List.of(mount), "none"));
            try {
                engine.putArchive(filler, MOUNT, new java.io.ByteArrayInputStream(tar()));
            } finally {
                engine.removeContainer(filler);
            }
            return;
        }
        engine.createMemoryVolume(volume, labels);
        keeper = engine.createContainer(new ContainerSpec(image, Toolbox.keepAlive(), List.of(), List.of(), "/", "0",
                labels, List.of(toolbox.mount(), mount), "none"));
        engine.start(keeper);
        engine.putArchive(keeper, MOUNT, new java.io.ByteArrayInputStream(tar()));
    }

    private byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Secret s : secrets) {
                byte[] content;
                try {
                    content = Files.readAllBytes(s.file());
                } catch (IOException e) {
                    throw new StageshException("--secret id=" + s.id() + ": cannot read " + s.file() + ": " + e.getMessage(), e);
                }
                TarArchiveEntry e = new TarArchiveEntry(s.id());
                e.setSize(content.length);
                e.setMode(s.mode());
                e.setUserId(s.uid());
                e.setGroupId(s.gid());
                out.putArchiveEntry(e);
                out.write(content);
                out.closeArchiveEntry();
            }
            out.finish();
        } catch (IOException e) {
            throw new StageshException("cannot pack the secrets: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Removes the keeper, and with it the tmpfs and the bytes, then the volume. */
    @Override
    public void close() {
        try {
            if (keeper != null) {
                engine.removeContainer(keeper);
            }
        } catch (RuntimeException ignored) {
            // labelled; the session's end sweeps it
        }
        try {
            if (volume != null && engine.volumeExists(volume)) {
                engine.removeVolume(volume);
            }
        } catch (RuntimeException ignored) {
            // labelled likewise
        }
    }
}
