package dev.stagesh.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a session was opened, as on docker build's command line.
 *
 * @param target the stage to build towards (null: the last stage)
 * @param keep    keep the session's snapshots when it ends
 * @param secrets {@code --secret id=ID,src=FILE}: the files RUN --mount=type=secret reads, by id
 */
public record SessionOptions(Path dockerfile, Path context, Map<String, String> buildArgs, String target,
                             boolean noCache, boolean keep, Map<String, Path> secrets) {
    public SessionOptions {
        buildArgs = Map.copyOf(buildArgs);
        secrets = Map.copyOf(secrets);
    }
}
