package dev.stagesh.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The build arguments in scope at a step, with docker build's rules: a stage sees an ARG only
 * after declaring it; an ARG without a default takes the global (before the first FROM) value
 * or the --build-arg; a --build-arg overrides a default; ENV of the same name wins over ARG.
 * The proxy arguments reach RUN when given with --build-arg, without a declaration, as in docker.
 * Immutable: each ARG step makes a new one, so stepping back restores the scope too.
 */
public record BuildVariables(Map<String, String> declared, Map<String, String> global, Map<String, String> buildArgs) {
    static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    public BuildVariables {
        declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
        global = Map.copyOf(global);
        buildArgs = Map.copyOf(buildArgs);
    }

    public static BuildVariables forStage(Map<String, String> global, Map<String, String> buildArgs) {
        return new BuildVariables(Map.of(), global, buildArgs);
    }

    /** {@code ARG name[=default]} inside the stage. */
    public BuildVariables declare(String name, String defaultValue) {
        Map<String, String> d = new LinkedHashMap<>(declared);
        String value;
        if (buildArgs.containsKey(name)) {
            value = buildArgs.get(name);
        } else if (defaultValue != null) {
            value = defaultValue;
        } else {
            value = global.get(name);
        }
        d.put(name, value);
        return new BuildVariables(d, global, buildArgs);
    }

    /** The lookup for expanding an instruction's words: ENV first, then declared ARGs. */
    public Function<String, String> lookup(ImageConfig config) {
        Map<String, String> env = config.envMap();
        return name -> env.containsKey(name) ? env.get(name) : declared.get(name);
    }

    /** The environment a RUN sees: the image's ENV plus the declared ARGs that ENV does not shadow. */
    public List<String> runEnvironment(ImageConfig config) {
        Map<String, String> env = config.envMap();
        Map<String, String> out = new LinkedHashMap<>(env);
        declared.forEach((k, v) -> {
            if (v != null && !env.containsKey(k)) {
                out.put(k, v);
            }
        });
        buildArgs.forEach((k, v) -> {
            if (PROXY_ARGS.contains(k) && !out.containsKey(k)) {
                out.put(k, v);
            }
        });
        return out.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** The ARGs with values, for the cache key of a RUN (a changed ARG invalidates it, as in docker). */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        declared.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
