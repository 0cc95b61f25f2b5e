package dev.stagesh.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Finds the pids of stagesh JVMs started by something else (the launcher script, a shell in tmux): a {@code java}
 * first on PATH that writes its pid to a file and then execs the real java, so the pid is the JVM's, the one its
 * session labels its objects with ({@code stagesh.pid}).
 */
final class JavaPids {
    private final Path dir;

    private JavaPids(Path dir) {
        this.dir = dir;
    }

    static JavaPids in(Path parent) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("java-shim"));
        String java = DockerCli.must(Map.of(), "sh", "-c", "command -v java").strip();
        Path shim = dir.resolve("java");
        Files.writeString(shim, "#!/bin/sh\necho $$ >> '" + dir.resolve("pids") + "'\nexec '" + java + "' \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new JavaPids(dir);
    }

    /** The recording java's path, for a command line (a tmux session's PATH is its server's, not the -e given). */
    String java() {
        return dir.resolve("java").toString();
    }

    /** The environment that puts the recording java first, for a script that runs java by name. */
    Map<String, String> env() {
        return Map.of("PATH", dir + ":" + System.getenv("PATH"));
    }

    /** The pids of every java started so far, in order. */
    List<Long> pids() {
        Path file = dir.resolve("pids");
        try {
            return Files.exists(file) ? Arrays.stream(Files.readString(file).split("\n")).map(String::strip)
                    .filter(s -> !s.isEmpty()).map(Long::parseLong).toList() : List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    /** The pid of the first java, waiting for it to start. */
    long first(java.time.Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<Long> pids = pids();
            if (!pids.isEmpty()) {
                return pids.get(0);
            }
            StageshProcess.sleep(50);
        }
        throw new AssertionError("no java started within " + timeout);
    }
}
