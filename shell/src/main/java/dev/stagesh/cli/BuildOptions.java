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
        return new SessionOptions(dockerfile, ctx, parseBuildArgs(buildArgs), target, noCache, keep);
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
