package dev.stagesh.docker;

import java.util.List;

/**
 * A process to run in a running container: the command, its environment ({@code NAME=value}),
 * the directory it starts in and the user it runs as (empty: the container's).
 */
public record ExecSpec(List<String> argv, List<String> env, String workingDir, String user) {
    public ExecSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
    }
}
