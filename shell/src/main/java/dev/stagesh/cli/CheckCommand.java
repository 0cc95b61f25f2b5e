package dev.stagesh.cli;

import dev.stagesh.StageshException;
import dev.stagesh.context.ContextIgnoreRules;
import dev.stagesh.context.DockerIgnore;
import dev.stagesh.console.Printer;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineBaseImages;
import dev.stagesh.docker.EngineUnavailableException;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.checks.BaseImages;
import dev.stagesh.dockerfile.checks.CheckOptions;
import dev.stagesh.dockerfile.checks.CheckReport;
import dev.stagesh.dockerfile.checks.CheckResult;
import dev.stagesh.dockerfile.checks.Checker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stagesh check}: BuildKit's build checks without building, printed as {@code docker build --check} prints
 * them (or as {@code --call=check,format=json}). An engine is used when one answers, for the base images' platform
 * and environment; without one those facts are simply not known.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run BuildKit's build checks on a Dockerfile without building it, as docker build --check does.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no warnings", "1:warnings were found, the file has an error, or bad input"})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @picocli.CommandLine.ParentCommand
    StageshCommand parent;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The Dockerfile (default: DOCKERFILE or ./Dockerfile).")
    Path file;

    @Option(names = {"-C", "--context"}, paramLabel = "DIR",
            description = "The build context, for its .dockerignore (default: the Dockerfile's folder).")
    Path context;

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]",
            description = "Set a build argument (BUILDKIT_DOCKERFILE_CHECK replaces the file's # check=).")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Check only this stage and those it needs (default: all).")
    String target;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @Parameters(arity = "0..1", paramLabel = "DOCKERFILE", description = "The Dockerfile, or a folder holding one.")
    Path positional;

    @Override
    public Integer call() {
        Path dockerfile = StageshCommand.dockerfile(file, positional);
        if (!Files.isRegularFile(dockerfile)) {
            throw new StageshException("no Dockerfile at " + dockerfile);
        }
        DockerfileGuard.check(dockerfile);
        String text;
        try {
            text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StageshException("cannot read " + dockerfile + ": " + e.getMessage(), e);
        }
        Path ctx = context != null ? context : dockerfile.toAbsolutePath().getParent();
        if (!Files.isDirectory(ctx)) {
            throw new StageshException("the build context " + ctx + " is not a directory");
        }
        DockerIgnore ignore = DockerIgnore.loadFor(ctx, dockerfile);
        Printer printer = Printer.system(false);
        Engine engine = optionalEngine();
        try {
            Platform platform = engine == null ? hostPlatform() : Platform.parse(engine.platform());
            CheckOptions options = new CheckOptions(BuildOptions.parseBuildArgs(buildArgs), target, platform,
                    engine == null ? BaseImages.NONE : new EngineBaseImages(engine),
                    ignore.isEmpty() ? Optional.empty() : Optional.of(new ContextIgnoreRules(ignore)));
            CheckResult result = Checker.check(text, dockerfile.toString(), options);
            // the name docker build prints: -f as given, else the Dockerfile of the context folder
            String name = file != null ? file.toString()
                    : positional != null && !Files.isDirectory(positional) ? positional.toString() : "Dockerfile";
            if (format == Format.json) {
                printer.out().print(CheckReport.json(result, name, text));
            } else {
                printer.out().print(CheckReport.text(result, name, text));
                printer.out().flush();
                printer.err().print(CheckReport.errorText(result, name, text));
            }
            printer.out().flush();
            printer.err().flush();
            return result.exitCode();
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    /** The engine if one answers; the checks that need it then say nothing rather than fail. */
    private Engine optionalEngine() {
        try {
            return parent.engine();
        } catch (EngineUnavailableException e) {
            return null;
        }
    }

    private static Platform hostPlatform() {
        String arch = System.getProperty("os.arch", "amd64");
        return new Platform("linux", switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        }, "");
    }
}
