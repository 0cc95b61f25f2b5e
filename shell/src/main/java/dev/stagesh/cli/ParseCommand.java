package dev.stagesh.cli;

import dev.stagesh.console.Printer;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileJson;
import dev.stagesh.dockerfile.parser.DockerfileParser;
import dev.stagesh.dockerfile.parser.Dumper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stagesh parse}: how stagesh reads a Dockerfile, without an engine. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse a Dockerfile and print its syntax tree (BuildKit's dump format) or a JSON form with the stage graph.")
final class ParseCommand implements Callable<Integer> {
    static final class Format {
        @Option(names = "--dump", description = "one s-expression per instruction, as BuildKit's parser tests print (syntax only: instructions are not checked)")
        boolean dump;

        @Option(names = "--json", description = "JSON: directives, stages, their dependencies and every instruction")
        boolean json;
    }

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE")
    Path file;

    @Parameters(arity = "0..1", paramLabel = "DOCKERFILE")
    Path positional;

    @Override
    public Integer call() {
        Path path = StageshCommand.dockerfile(file, positional);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new dev.stagesh.StageshException("no Dockerfile at " + path);
        }
        Printer printer = Printer.system(false);
        printer.out().print(format.dump ? dump(path) : format.json ? DockerfileJson.write(Dockerfile.load(path))
                : Dumper.dump(Dockerfile.load(path).syntax()));
        printer.out().flush();
        return 0;
    }

    /**
     * What {@code --dump} prints: the syntax tree as BuildKit's parser reads it. Only the parser
     * runs, as BuildKit's dumper does, so a file whose instructions a build would refuse (a bad
     * flag, an odd HEALTHCHECK) still dumps; plain {@code parse} and every other command check them.
     */
    static String dump(Path path) {
        return Dumper.dump(DockerfileParser.parse(path));
    }
}
