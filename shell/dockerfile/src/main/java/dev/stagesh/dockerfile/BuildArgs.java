package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.ArgDecl;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The build arguments of one build, resolved as BuildKit does:
 * <ul>
 * <li>the global scope starts with the automatic platform ARGs ({@code BUILDPLATFORM BUILDOS BUILDOSVERSION BUILDARCH
 * BUILDVARIANT TARGETPLATFORM TARGETOS TARGETOSVERSION TARGETARCH TARGETVARIANT TARGETSTAGE}), each replaceable by a
 * {@code --build-arg};</li>
 * <li>then each ARG before the first FROM is added in order: a {@code --build-arg} value wins (unexpanded), else the
 * default expanded with the global scope so far, else the ARG stays unset;</li>
 * <li>FROM image names and {@code --platform} values are expanded with that global scope only;</li>
 * <li>inside a stage, variables come from a {@link VariableScope} ({@link #scope}).</li>
 * </ul>
 * The proxy ARGs ({@code HTTP_PROXY HTTPS_PROXY FTP_PROXY NO_PROXY ALL_PROXY}, any case) need no declaration: when
 * given as build args they reach every RUN ({@link #proxyEnv()}), but are not used for expansion unless declared.
 */
public final class BuildArgs {
    private static final List<String> PROXY_NAMES =
            List.of("http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "all_proxy");

    private final Dockerfile dockerfile;
    private final Map<String, String> overrides;
    private final Map<String, String> globals;
    private final ShellLex lex;

    private BuildArgs(Dockerfile dockerfile, Map<String, String> overrides, Map<String, String> globals) {
        this.dockerfile = dockerfile;
        this.overrides = overrides;
        this.globals = globals;
        this.lex = new ShellLex(dockerfile.escapeToken());
    }

    /**
     * @param overrides   {@code --build-arg} values (name to value)
     * @param target      the platform built for (TARGET*)
     * @param build       the platform of the builder (BUILD*)
     * @param targetStage the {@code --target} stage name, or null (TARGETSTAGE is then "default")
     */
    public static BuildArgs resolve(Dockerfile dockerfile, Map<String, String> overrides, Platform target,
                                    Platform build, String targetStage) {
        Map<String, String> given = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        Map<String, String> globals = new LinkedHashMap<>();
        putDefault(globals, given, "BUILDPLATFORM", build.format());
        putDefault(globals, given, "BUILDOS", build.os());
        putDefault(globals, given, "BUILDOSVERSION", "");
        putDefault(globals, given, "BUILDARCH", build.architecture());
        putDefault(globals, given, "BUILDVARIANT", build.variant());
        putDefault(globals, given, "TARGETPLATFORM", target.format());
        putDefault(globals, given, "TARGETOS", target.os());
        putDefault(globals, given, "TARGETOSVERSION", "");
        putDefault(globals, given, "TARGETARCH", target.architecture());
        putDefault(globals, given, "TARGETVARIANT", target.variant());
        putDefault(globals, given, "TARGETSTAGE", targetStage == null || targetStage.isEmpty() ? "default"
                : targetStage);
        ShellLex lex = new ShellLex(dockerfile.escapeToken());
        for (Instruction ins : dockerfile.metaArgs()) {
            Instruction.Arg arg = (Instruction.Arg) ins;
            for (ArgDecl d : arg.args()) {
                String value;
                if (given.containsKey(d.name())) {
                    value = given.get(d.name());
                } else if (d.defaultValue() != null) {
                    try {
                        value = lex.processWord(d.defaultValue(), globals::get);
                    } catch (DockerfileException e) {
                        throw located(e, arg, dockerfile);
                    }
                } else {
                    value = null;
                }
                if (value != null) {
                    globals.put(d.name(), value);
                }
            }
        }
        return new BuildArgs(dockerfile, given, Collections.unmodifiableMap(globals));
    }

    /** Defaults: no overrides, building for and on {@code linux/amd64}, no target stage. */
    public static BuildArgs defaults(Dockerfile dockerfile) {
        Platform p = new Platform("linux", "amd64", "");
        return resolve(dockerfile, Map.of(), p, p, null);
    }

    private static void putDefault(Map<String, String> globals, Map<String, String> given, String key,
                                   String value) {
        globals.put(key, given.getOrDefault(key, value));
    }

    static DockerfileException located(DockerfileException e, Instruction ins, Dockerfile dockerfile) {
        if (e.line() > 0) {
            return dockerfile.locate(e);
        }
        return dockerfile.locate(new DockerfileException(e.getMessage(), null, ins.line(), ins.node().column(),
                null, e));
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    /** The {@code --build-arg} values as given. */
    public Map<String, String> overrides() {
        return overrides;
    }

    public Optional<String> override(String name) {
        return Optional.ofNullable(overrides.get(name));
    }

    /** The global scope: automatic platform ARGs and the resolved ARGs before the first FROM. */
    public Map<String, String> globals() {
        return globals;
    }

    /** The proxy build args given (names as given, matched case-insensitively), for every RUN's environment. */
    public Map<String, String> proxyEnv() {
        Map<String, String> out = new LinkedHashMap<>();
        overrides.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (PROXY_NAMES.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** A stage's FROM after expansion with the global scope. */
    public record ResolvedFrom(String image, Platform platform) {
    }

    /** Expands a stage's base image name and {@code --platform} with the global scope. */
    public ResolvedFrom expandFrom(Stage stage) {
        Instruction.From from = stage.from();
        try {
            String image = lex.processWord(from.image(), globals::get);
            if (image.isEmpty()) {
                throw new DockerfileException("base name (" + from.image() + ") should not be blank");
            }
            Platform platform = null;
            if (from.platform() != null) {
                String p = lex.processWord(from.platform(), globals::get);
                if (p.isEmpty()) {
                    throw new DockerfileException("empty platform value from expression " + from.platform());
                }
                platform = Platform.parse(p);
            }
            return new ResolvedFrom(image, platform);
        } catch (DockerfileException e) {
            throw located(e, from, dockerfile);
        }
    }

    /**
     * A fresh variable scope for a stage, starting from its base image's environment ({@code baseEnv}, e.g. the
     * {@code Config.Env} of the pulled image, or of the base stage's final scope).
     */
    public VariableScope scope(Map<String, String> baseEnv) {
        return new VariableScope(this, baseEnv);
    }
}
