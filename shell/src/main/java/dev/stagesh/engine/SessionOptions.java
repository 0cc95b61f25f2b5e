package dev.stagesh.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a session was opened, as on docker build's command line.
 *
 * @param target the stage to build towards (null: the last stage)
 * @param keep   keep the session's snapshots when it ends
 */
public record SessionOptions(Path dockerfile, Path context, Map<String, String> buildArgs, String target,
                             boolean noCache, boolean keep) {
    public SessionOptions {
        buildArgs = Map.copyOf(buildArgs);
    }
}
