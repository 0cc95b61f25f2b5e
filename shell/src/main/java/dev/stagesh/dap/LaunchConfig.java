package dev.stagesh.dap;

import dev.stagesh.StageshException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a debug session is opened on: the command line's flags, then the launch request's
 * arguments on top. The names are buildx dap's ({@code dockerfile}, {@code contextPath},
 * {@code target}, {@code stopOnEntry}, {@code args}), so an editor configuration written for it
 * works, plus {@code buildArgs}, {@code secrets} and {@code noCache}.
 *
 * @param dockerfile null: the context's Dockerfile, else ./Dockerfile
 * @param context    null: the Dockerfile's folder
 * @param buildArgs  {@code K=V} (or {@code K}, taken from the environment), as {@code --build-arg}
 * @param secrets    {@code id=ID,src=FILE}, as {@code --secret}
 */
public record LaunchConfig(Path dockerfile, Path context, String target, boolean stopOnEntry,
                           List<String> buildArgs, List<String> secrets, boolean noCache) {
    public LaunchConfig {
        buildArgs = List.copyOf(buildArgs);
        secrets = List.copyOf(secrets);
    }

    /**
     * This configuration with a launch request's arguments applied; relative paths are taken
     * from {@code cwd} (the launch's {@code cwd} argument when it has one). Build args and secrets
     * add to the command line's (a later value of the same name wins).
     */
    public LaunchConfig with(Map<String, Object> launch, Path cwd) {
        Path base = launch.get("cwd") instanceof String c && !c.isBlank() ? cwd.resolve(c) : cwd;
        Path file = dockerfile;
        Path ctx = context;
        String tgt = target;
        boolean entry = stopOnEntry;
        boolean noCacheNow = noCache;
        List<String> argsNow = new ArrayList<>(buildArgs);
        List<String> secretsNow = new ArrayList<>(secrets);
        for (var e : launch.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "dockerfile" -> file = base.resolve(text(e.getKey(), v));
                case "contextPath" -> ctx = base.resolve(text(e.getKey(), v));
                case "target" -> tgt = text(e.getKey(), v).isEmpty() ? null : text(e.getKey(), v);
                case "stopOnEntry" -> entry = bool(e.getKey(), v);
                case "noCache" -> noCacheNow = bool(e.getKey(), v);
                case "buildArgs" -> argsNow.addAll(pairs(e.getKey(), v));
                case "secrets" -> secretsNow.addAll(strings(e.getKey(), v));
                case "args" -> {
                    // buildx: extra arguments of the build command line; a map is taken as build args
                    if (v instanceof Map<?, ?>) {
                        argsNow.addAll(pairs(e.getKey(), v));
                    } else {
                        BuildFlags flags = BuildFlags.parse(strings(e.getKey(), v));
                        argsNow.addAll(flags.buildArgs());
                        secretsNow.addAll(flags.secrets());
                        noCacheNow |= flags.noCache();
                        if (flags.target() != null) {
                            tgt = flags.target();
                        }
                    }
                }
                default -> { } // the editor's own keys (type, request, name, __sessionId...)
            }
        }
        if (file == null && ctx != null) {
            file = ctx.resolve("Dockerfile");
        }
        return new LaunchConfig(file, ctx, tgt, entry, argsNow, secretsNow, noCacheNow);
    }

    /** The build command line flags buildx's {@code args} may carry. */
    record BuildFlags(List<String> buildArgs, List<String> secrets, boolean noCache, String target) {
        static BuildFlags parse(List<String> words) {
            List<String> args = new ArrayList<>();
            List<String> secrets = new ArrayList<>();
            boolean noCache = false;
            String target = null;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                String flag = w.contains("=") && w.startsWith("--") ? w.substring(0, w.indexOf('=')) : w;
                String inline = flag.equals(w) ? null : w.substring(w.indexOf('=') + 1);
                switch (flag) {
                    case "--no-cache" -> noCache = true;
                    case "--build-arg", "--secret", "--target" -> {
                        String value = inline;
                        if (value == null) {
                            if (i + 1 >= words.size()) {
                                throw new StageshException("launch args: " + flag + " needs a value");
                            }
                            value = words.get(++i);
                        }
                        switch (flag) {
                            case "--build-arg" -> args.add(value);
                            case "--secret" -> secrets.add(value);
                            default -> target = value;
                        }
                    }
                    default -> throw new StageshException("launch args: '" + w
                            + "' is not supported (--build-arg, --secret, --target, --no-cache are)");
                }
            }
            return new BuildFlags(args, secrets, noCache, target);
        }
    }

    private static String text(String key, Object v) {
        if (!(v instanceof String s)) {
            throw new StageshException("launch: '" + key + "' must be a string");
        }
        return s;
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new StageshException("launch: '" + key + "' must be true or false");
    }

    private static List<String> strings(String key, Object v) {
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof String)) {
            throw new StageshException("launch: '" + key + "' must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** {@code {"K": "V"}} or {@code ["K=V", ...]}. */
    private static List<String> pairs(String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> out = new ArrayList<>();
            m.forEach((k, val) -> out.add(k + "=" + (val == null ? "" : val instanceof Double d && d == Math.rint(d)
                    ? Long.toString(d.longValue()) : val.toString())));
            return out;
        }
        return strings(key, v);
    }
}
