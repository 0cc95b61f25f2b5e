package dev.stagesh.cli;

import dev.stagesh.StageshException;
import dev.stagesh.engine.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options stagesh shares with docker build, parsed as docker build parses them. */
public final class BuildOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: DOCKERFILE or ./Dockerfile).")
    Path file;

    @Option(names = {"-C", "--context"}, paramLabel = "DIR", description = "The build context (default: the Dockerfile's folder).")
    Path context;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
            description = "Set a build argument; KEY alone takes it from the environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build towards (default: the last).")
    String target;

    @Option(names = "--no-cache", description = "Do not use or add to the build cache.")
    boolean noCache;

    @Option(names = "--secret", paramLabel = "id=ID,src=FILE",
            description = "A secret for RUN --mount=type=secret; it never enters a layer, the history or the config.")
    List<String> secrets = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "DOCKERFILE", description = "The Dockerfile, or a folder holding one.")
    Path positional;

    SessionOptions sessionOptions(boolean keep) {
        Path dockerfile = StageshCommand.dockerfile(file, positional);
        if (!Files.exists(dockerfile)) {
            throw new StageshException("no Dockerfile at " + dockerfile + " (give one: stagesh path/to/Dockerfile)");
        }
        if (!Files.isRegularFile(dockerfile)) {
            throw new StageshException(dockerfile + " is not a file");
        }
        DockerfileGuard.check(dockerfile);
        Path ctx = context != null ? context : dockerfile.toAbsolutePath().getParent();
        if (!Files.isDirectory(ctx)) {
            throw new StageshException("the build context " + ctx + (Files.exists(ctx) ? " is not a directory" : " does not exist"));
        }
        return new SessionOptions(dockerfile, ctx, parseBuildArgs(buildArgs), target, noCache, keep,
                parseSecrets(secrets));
    }

    /** docker build's {@code --secret id=ID[,src|source=FILE][,type=file]}; src defaults to the id. */
    static Map<String, Path> parseSecrets(List<String> specs) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String id = null;
            String src = null;
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                switch (key) {
                    case "id" -> id = value;
                    case "src", "source" -> src = value;
                    case "type" -> {
                        if (!value.equals("file")) {
                            throw new StageshException("--secret " + spec + ": only type=file is supported");
                        }
                    }
                    default -> throw new StageshException("--secret " + spec + ": unknown key '" + key + "'");
                }
            }
            if (id == null || id.isEmpty()) {
                throw new StageshException("--secret " + spec + ": id= is missing");
            }
            Path file = Path.of(src == null ? id : src);
            if (!Files.isReadable(file)) {
                throw new StageshException("--secret " + spec + ": no readable file at " + file);
            }
            out.put(id, file);
        }
        return out;
    }

    static Map<String, String> parseBuildArgs(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq == 0) {
                throw new StageshException("--build-arg " + a + ": the name is missing");
            }
            if (eq < 0) {
                String fromEnv = System.getenv(a);
                if (fromEnv != null) {
                    out.put(a, fromEnv);
                }
            } else {
                out.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return out;
    }
}
