package dev.stagesh.engine;

import dev.stagesh.docker.ImageInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The image config a stage has built so far, kept by stagesh itself rather than read back from
 * the engine: snapshots are committed from step containers whose own config is not the
 * image's, so this record is the truth that {@code config}, {@code env} and {@code commit} use.
 */
public record ImageConfig(
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String workingDir,
        String user,
        Map<String, String> labels,
        List<String> exposedPorts,
        List<String> volumes,
        String stopSignal,
        List<String> shell,
        Healthcheck healthcheck,
        List<String> onBuild,
        String os,
        String architecture) {

    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    /** A healthcheck as the image config stores it; durations in nanoseconds, null when unset. */
    public record Healthcheck(List<String> test, Long interval, Long timeout, Long startPeriod, Long startInterval,
                              Integer retries) {}

    public ImageConfig {
        env = List.copyOf(env);
        cmd = cmd == null ? null : List.copyOf(cmd);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        labels = new TreeMap<>(labels);
        exposedPorts = List.copyOf(new TreeSet<>(exposedPorts));
        volumes = List.copyOf(new TreeSet<>(volumes));
        shell = shell == null ? null : List.copyOf(shell);
        onBuild = List.copyOf(onBuild);
    }

    /** The PATH BuildKit gives a stage whose base image sets none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The config BuildKit starts {@code FROM scratch} with: its default PATH and WorkingDir "/". */
    public static ImageConfig scratch(String os, String architecture) {
        return new ImageConfig(List.of("PATH=" + DEFAULT_PATH),
                null, null, "/", "", Map.of(), List.of(), List.of(), null, null, null, List.of(), os, architecture);
    }

    public static ImageConfig of(ImageInfo image) {
        ImageInfo.HealthInfo h = image.healthcheck();
        Healthcheck health = h == null ? null
                : new Healthcheck(h.test(), h.interval(), h.timeout(), h.startPeriod(), null, h.retries());
        return new ImageConfig(image.env(), image.cmd(), image.entrypoint(), image.workingDir(), image.user(),
                image.labels(), image.exposedPorts(), image.volumes(), image.stopSignal(), image.shell(), health,
                List.of(), image.os(), image.architecture());
    }

    /** The config with PATH set to BuildKit's default when the base image has none. */
    public ImageConfig withDefaultPath() {
        return envMap().containsKey("PATH") ? this : withEnv("PATH", DEFAULT_PATH);
    }

    /** The effective shell for shell-form RUN, CMD and ENTRYPOINT. */
    public List<String> effectiveShell() {
        return shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell;
    }

    /** The environment as an ordered map, later definitions replacing earlier ones in place. */
    public Map<String, String> envMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : env) {
            int eq = kv.indexOf('=');
            m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        return m;
    }

    public ImageConfig withEnv(String key, String value) {
        Map<String, String> m = envMap();
        m.put(key, value);
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k + "=" + v));
        return new ImageConfig(out, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, stopSignal,
                shell, healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withCmd(List<String> newCmd) {
        return new ImageConfig(env, newCmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, stopSignal,
                shell, healthcheck, onBuild, os, architecture);
    }

    /** Setting ENTRYPOINT drops an inherited CMD, as docker build does. */
    public ImageConfig withEntrypoint(List<String> newEntrypoint, boolean cmdSetInThisStage) {
        return new ImageConfig(env, cmdSetInThisStage ? cmd : null, newEntrypoint, workingDir, user, labels,
                exposedPorts, volumes, stopSignal, shell, healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withWorkingDir(String dir) {
        return new ImageConfig(env, cmd, entrypoint, dir, user, labels, exposedPorts, volumes, stopSignal, shell,
                healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withUser(String newUser) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, newUser, labels, exposedPorts, volumes, stopSignal,
                shell, healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withLabel(String key, String value) {
        Map<String, String> m = new TreeMap<>(labels);
        m.put(key, value);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, m, exposedPorts, volumes, stopSignal, shell,
                healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withExposedPort(String port) {
        List<String> ports = new ArrayList<>(exposedPorts);
        ports.add(port);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, ports, volumes, stopSignal, shell,
                healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withVolume(String volume) {
        List<String> v = new ArrayList<>(volumes);
        v.add(volume);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, v, stopSignal, shell,
                healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withStopSignal(String signal) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, signal, shell,
                healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withShell(List<String> newShell) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, stopSignal,
                newShell, healthcheck, onBuild, os, architecture);
    }

    public ImageConfig withHealthcheck(Healthcheck check) {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, stopSignal,
                shell, check, onBuild, os, architecture);
    }

    public ImageConfig withOnBuild(String trigger) {
        List<String> o = new ArrayList<>(onBuild);
        o.add(trigger);
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, stopSignal,
                shell, healthcheck, o, os, architecture);
    }

    /** A base image's ONBUILD triggers run in the child and are not inherited further. */
    public ImageConfig withoutOnBuild() {
        return new ImageConfig(env, cmd, entrypoint, workingDir, user, labels, exposedPorts, volumes, stopSignal,
                shell, healthcheck, List.of(), os, architecture);
    }
}
