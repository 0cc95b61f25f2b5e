package dev.stagesh.dockerfile.instructions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code RUN --mount=...}. {@code options} uses canonical keys whatever alias was written: {@code target}
 * (target/dst/destination), {@code source} (source/src), {@code from}, {@code id}, {@code sharing},
 * {@code readonly} ("true"/"false", always present: BuildKit's default is read-only except for cache and tmpfs),
 * {@code required}, {@code size}, {@code mode}, {@code uid}, {@code gid}, {@code env}. Values are as written until
 * {@link Instruction.Run#expand} has been applied.
 *
 * @param type bind (the default), cache, tmpfs, secret or ssh
 */
public record Mount(String type, Map<String, String> options) {
    public Mount {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public String target() {
        return options.get("target");
    }

    public String source() {
        return options.get("source");
    }

    public String from() {
        return options.get("from");
    }

    public String id() {
        return options.get("id");
    }

    public boolean readonly() {
        return "true".equals(options.get("readonly"));
    }

    public String option(String key) {
        return options.get(key);
    }
}
