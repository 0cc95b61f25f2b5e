package dev.stagesh.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one stagesh process left on an engine, found by the labels every session object carries
 * ({@code stagesh.pid}): its containers, volumes, and its images apart from build cache entries
 * (a non-empty {@code stagesh.cache}). Other sessions on the same engine are not counted.
 */
record Leftovers(List<String> containers, List<String> images, List<String> volumes) {
    static Leftovers of(long pid) {
        return of(pid, Map.of());
    }

    static Leftovers of(long pid, Map<String, String> env) {
        String label = "label=stagesh.pid=" + pid;
        List<String> containers = DockerCli.lines(env, "ps", "-aq", "--no-trunc", "--filter", label);
        List<String> images = new ArrayList<>();
        for (String line : DockerCli.lines(env, "images", "-aq", "--no-trunc", "--filter", label)) {
            String cacheKey;
            try {
                cacheKey = DockerCli.run(env, "image", "inspect", "-f", "{{index .Config.Labels \"stagesh.cache\"}}", line).strip();
            } catch (AssertionError removedMeanwhile) {
                continue;
            }
            if (cacheKey.isEmpty() || cacheKey.equals("<no value>")) {
                images.add(line);
            }
        }
        List<String> volumes = DockerCli.lines(env, "volume", "ls", "-q", "--filter", label);
        // sorted: the engine lists objects made in the same second in no fixed order
        return new Leftovers(containers.stream().sorted().toList(), images.stream().distinct().sorted().toList(),
                volumes.stream().sorted().toList());
    }

    boolean none() {
        return containers.isEmpty() && images.isEmpty() && volumes.isEmpty();
    }

    int total() {
        return containers.size() + images.size() + volumes.size();
    }
}
