package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.Heredoc;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv a RUN executes, as BuildKit builds it: exec form as written; shell form through the
 * stage's SHELL; with heredocs, either the single heredoc is the script ({@code RUN <<EOF}),
 * run directly when it starts with a shebang, or the heredoc bodies are handed to the shell
 * after the command line so the shell feeds them as it would ({@code RUN <<EOF cat > f}).
 */
final class RunCommand {
    private RunCommand() {}

    /**
     * Where a shebang script is written before it runs: a tmpfs the engine provides, writable by
     * any user, never part of a layer. It may be noexec, so the interpreter is run on it.
     */
    static final String SCRIPT = "/dev/shm/.stagesh-run";
    /** Carries the script into the container; unset before the script starts. */
    static final String SCRIPT_ENV = "STAGESH_RUN_SCRIPT";

    /** The argv to execute and, for a shebang heredoc, the script it needs in {@link #SCRIPT_ENV}. */
    record Argv(List<String> argv, String script) {
        List<String> env(List<String> env) {
            if (script == null) {
                return env;
            }
            List<String> out = new ArrayList<>(env);
            out.add(SCRIPT_ENV + "=" + script);
            return out;
        }
    }

    static Argv of(Instruction.Run run, List<String> shell) {
        if (!run.command().shellForm() || run.heredocs().isEmpty()) {
            return new Argv(run.command().argv(shell), null);
        }
        String line = String.join(" ", run.command().args()).strip();
        if (run.heredocs().size() == 1 && line.matches("<<-?['\"]?" + java.util.regex.Pattern.quote(run.heredocs().get(0).name()) + "['\"]?")) {
            Heredoc h = run.heredocs().get(0);
            String body = h.chomp() ? h.chompedContent() : h.content();
            if (body.startsWith("#!")) {
                return new Argv(shebang(body), body);
            }
            List<String> argv = new ArrayList<>(shell);
            argv.add(body);
            return new Argv(argv, null);
        }
        StringBuilder script = new StringBuilder(line);
        for (Heredoc h : run.heredocs()) {
            script.append('\n').append(h.content());
            if (!h.content().endsWith("\n") && !h.content().isEmpty()) {
                script.append('\n');
            }
            script.append(h.name());
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(script.toString());
        return new Argv(argv, null);
    }

    /**
     * The argv a RUN's history entry names, as BuildKit writes it: what runs (so a heredoc's body and
     * terminator are part of it), but a shebang script as the file BuildKit mounts it at and runs,
     * {@code /dev/pipes/NAME}, not the way stagesh brings it in.
     */
    static List<String> historyArgv(Instruction.Run run, List<String> shell) {
        Argv argv = of(run, shell);
        if (argv.script() == null) {
            return argv.argv();
        }
        List<String> out = new ArrayList<>(shell);
        out.add("/dev/pipes/" + run.heredocs().get(0).name());
        return out;
    }

    /** Writes the script from the environment to {@link #SCRIPT} and runs its interpreter on it. */
    private static List<String> shebang(String body) {
        String first = body.lines().findFirst().orElse("#!").substring(2).strip();
        List<String> argv = new ArrayList<>(Toolbox.busybox("sh", "-c",
                "f=$1; shift; printf '%s' \"$" + SCRIPT_ENV + "\" > \"$f\" && unset " + SCRIPT_ENV
                        + " && exec \"$@\" \"$f\"", "sh", SCRIPT));
        int space = first.indexOf(' ');
        if (space < 0) {
            argv.add(first);
        } else {
            argv.add(first.substring(0, space));
            argv.add(first.substring(space + 1).strip());
        }
        return argv;
    }
}
