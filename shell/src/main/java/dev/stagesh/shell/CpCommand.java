package dev.stagesh.shell;

import dev.stagesh.engine.SnapshotFiles;
import dev.stagesh.fs.FsException;
import dev.stagesh.fs.FsPaths;
import dev.stagesh.fs.SizeFormat;
import java.io.IOException;
import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cp", description = "Copy a file or directory of the current snapshot to the host, keeping modes and "
        + "times, with docker cp's rules: into HOSTPATH if it is a directory, else as HOSTPATH; PATH/. copies a "
        + "directory's contents. A symlink is copied as a link unless -L.")
final class CpCommand extends InspectCommand {
    @Option(names = "-L", description = "follow a symlink at PATH") boolean follow;
    @Parameters(index = "0", paramLabel = "PATH", description = "in the snapshot, relative to its WORKDIR") String source;
    @Parameters(index = "1", paramLabel = "HOSTPATH", description = "on this machine") String dest;

    @Override
    int run() {
        SnapshotFiles files = session().files();
        boolean contentsOnly = source.endsWith("/.") || source.equals(".");
        String path = FsPaths.normalize(absolute(source));
        HostExtractor.Result result;
        try {
            String real = follow || contentsOnly ? files.follow(path) : path;
            try (InputStream tar = files.open(real)) {
                result = HostExtractor.extract(tar, dest, contentsOnly);
            }
        } catch (FsException e) {
            throw typed(source, e);
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        for (String s : result.skipped()) {
            printer().progress("cp: skipped " + s + " (devices and fifos are not copied)");
        }
        printer().progress("copied " + counted(result) + " (" + SizeFormat.si(result.bytes()) + ") to " + result.target());
        return 0;
    }

    /** {@code 2 files}, {@code 1 symlink}, {@code 2 files, 1 symlink}: a copied link is said, not counted as nothing. */
    static String counted(HostExtractor.Result result) {
        String files = result.files() + (result.files() == 1 ? " file" : " files");
        if (result.links() == 0) {
            return files;
        }
        String links = result.links() + (result.links() == 1 ? " symlink" : " symlinks");
        return result.files() == 0 ? links : files + ", " + links;
    }
}
