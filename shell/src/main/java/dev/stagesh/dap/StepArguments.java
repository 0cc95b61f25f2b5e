package dev.stagesh.dap;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.instructions.Mount;
import dev.stagesh.engine.ImageConfig;
import dev.stagesh.engine.StepFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "Arguments" scope of a stop: what the step about to run will be given, as buildx dap shows
 * it (platform; for a RUN its argv, environment and working directory), or, at a failed step,
 * what it was given and how it ended.
 */
public final class StepArguments {
    private StepArguments() {}

    /**
     * What the scope is built from. {@code next} is the step expanded with its scope (null at the
     * end of a stage), {@code config} the image config before it (null before the FROM ran),
     * {@code fromImage} the FROM's expanded image (null for other steps).
     */
    public record Inputs(String platform, int line, String text, Instruction next, ImageConfig config,
                         Map<String, String> runEnv, StepFailure failure, String fromImage) {}

    public static List<Entry> of(Inputs in) {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry.Leaf("platform", in.platform()));
        if (in.text() != null) {
            out.add(new Entry.Leaf("step", in.text()));
            out.add(new Entry.Leaf("line", Integer.toString(in.line())));
        }
        StepFailure f = in.failure();
        if (f != null) {
            out.add(new Entry.Leaf("failed", f.message()));
            out.add(Entry.list("argv", f.argv()));
            out.add(new Entry.Leaf("exit code", Integer.toString(f.exitCode())));
            out.add(Entry.map("env", f.env()));
            out.add(new Entry.Leaf("workdir", f.workdir()));
            out.add(new Entry.Leaf("user", f.user()));
            return out;
        }
        if (in.next() == null) {
            return out;
        }
        Instruction next = in.next();
        if (next instanceof Instruction.From from) {
            out.add(new Entry.Leaf("image", in.fromImage() != null ? in.fromImage() : from.image()));
            if (from.platform() != null) {
                out.add(new Entry.Leaf("--platform", from.platform()));
            }
        } else if (next instanceof Instruction.Run run) {
            ImageConfig c = in.config();
            out.add(Entry.list("argv", run.command().argv(c.effectiveShell())));
            out.add(Entry.map("env", in.runEnv()));
            out.add(new Entry.Leaf("workdir", c.workingDir().isEmpty() ? "/" : c.workingDir()));
            out.add(new Entry.Leaf("user", c.user().isEmpty() ? "root" : c.user()));
            if (run.network() != null) {
                out.add(new Entry.Leaf("network", run.network()));
            }
            if (!run.mounts().isEmpty()) {
                out.add(Entry.list("mounts", run.mounts().stream().map(StepArguments::describe).toList()));
            }
        } else if (next instanceof Instruction.Copy copy) {
            out.add(Entry.list("sources", copy.sources()));
            out.add(new Entry.Leaf("dest", copy.dest()));
            if (copy.from() != null) {
                out.add(new Entry.Leaf("from", copy.from()));
            }
            if (copy.chown() != null) {
                out.add(new Entry.Leaf("chown", copy.chown()));
            }
            if (copy.chmod() != null) {
                out.add(new Entry.Leaf("chmod", copy.chmod()));
            }
        } else if (next instanceof Instruction.Add add) {
            out.add(Entry.list("sources", add.sources()));
            out.add(new Entry.Leaf("dest", add.dest()));
        }
        // metadata steps: the step's text says it all; Config shows the result
        return out;
    }

    private static String describe(Mount m) {
        StringBuilder s = new StringBuilder("type=").append(m.type());
        m.options().forEach((k, v) -> s.append(',').append(k).append('=').append(v));
        return s.toString();
    }
}
