package dev.stagesh.docker;

import java.util.List;
import java.util.Map;

/** What the engine says of an image: identity, layers and the config a stage inherits from it. */
public record ImageInfo(
        String id,
        List<String> layers,
        long size,
        String os,
        String architecture,
        List<String> env,
        List<String> cmd,
        List<String> entrypoint,
        String workingDir,
        String user,
        Map<String, String> labels,
        List<String> exposedPorts,
        List<String> volumes,
        String stopSignal,
        List<String> onBuild,
        List<String> shell,
        HealthInfo healthcheck) {

    /** The healthcheck as the engine stores it (durations in nanoseconds). */
    public record HealthInfo(List<String> test, Long interval, Long timeout, Long startPeriod, Integer retries) {}
}
