package dev.stagesh.docker;

import java.util.List;
import java.util.Map;

/**
 * What a container is created with. Only what stagesh needs: the image, the process, the
 * labels that tie it to a session, and the mounts a step asks for.
 */
public record ContainerSpec(
        String image,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        String user,
        Map<String, String> labels,
        List<MountSpec> mounts,
        String networkMode) {

    public ContainerSpec {
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        labels = Map.copyOf(labels);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
    }

    public ContainerSpec withNetworkMode(String mode) {
        return new ContainerSpec(image, entrypoint, cmd, env, workingDir, user, labels, mounts, mode);
    }

    /**
     * A mount of a volume, a host path or a tmpfs into the container; {@code subpath} (volumes
     * only, null for the whole volume) mounts one file or directory of the volume, which engines
     * of API 1.45 (Docker 26) on take.
     */
    public record MountSpec(Kind kind, String source, String target, boolean readOnly, String subpath) {
        public enum Kind { VOLUME, BIND, TMPFS }

        public MountSpec(Kind kind, String source, String target, boolean readOnly) {
            this(kind, source, target, readOnly, null);
        }
    }
}
