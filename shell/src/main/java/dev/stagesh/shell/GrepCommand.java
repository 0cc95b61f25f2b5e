package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.GrepMatch;
import dev.stagesh.fs.TarGrep;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "grep", description = "Search the files under PATH (default: the WORKDIR) of the current snapshot "
        + "for a regular expression (Java/ERE syntax), recursively, streamed through the engine. "
        + "Fails when nothing matches, as grep does.")
final class GrepCommand extends InspectCommand {
    @Option(names = "-l", description = "print only the names of files that match") boolean filesOnly;
    @Option(names = "-n", description = "prefix each line with its line number") boolean lineNumbers;
    @Option(names = "-i", description = "ignore case") boolean ignoreCase;
    @Option(names = {"-r", "-R"}, description = "accepted out of habit: the search is always recursive") boolean recursive;
    @Parameters(index = "0", paramLabel = "PATTERN") String pattern;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH") List<String> paths = new ArrayList<>();

    @Override
    int run() {
        Pattern regex;
        try {
            regex = Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            return fail("invalid pattern '" + pattern + "': " + e.getDescription());
        }
        TarGrep grep = new TarGrep(regex, filesOnly);
        SnapshotFiles files = session().files();
        boolean[] matched = {false};
        int status = 0;
        List<String> operands = paths.isEmpty() ? List.of(".") : paths;
        for (String typed : operands) {
            try {
                // grep -r follows a symlink named on its command line, not those it meets below
                String root = files.follow(FsPaths.normalize(absolute(typed)));
                try (InputStream tar = files.open(root)) {
                    grep.search(tar, FsPaths.parent(root), m -> {
                        matched[0] = true;
                        String shown = paths.isEmpty() ? TypedPath.relative(root, m.path())
                                : TypedPath.respell(typed, root, m.path());
                        printer().line(respelled(m, shown).render(lineNumbers));
                    });
                }
            } catch (FsException e) {
                status = fail(typed(typed, e).getMessage());
            } catch (IOException e) {
                status = fail(typed + ": " + e.getMessage());
            }
        }
        printer().out().flush();
        if (status == 0 && !matched[0]) {
            return fail("no match for '" + pattern + "' in " + String.join(" ", operands));
        }
        return status;
    }

    private static GrepMatch respelled(GrepMatch m, String path) {
        if (m instanceof GrepMatch.Line l) {
            return new GrepMatch.Line(path, l.lineNumber(), l.text());
        }
        if (m instanceof GrepMatch.Binary) {
            return new GrepMatch.Binary(path);
        }
        return new GrepMatch.FileName(path);
    }
}
