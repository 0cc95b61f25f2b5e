package dev.stagesh.dap;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.VariableScope;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.engine.ConfigJson;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.Snapshot;
import dev.stagesh.engine.StageRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;

/**
 * What the editor sees of a stop: each stage's frame (its step and line in the Dockerfile) and
 * the scopes of a frame: Arguments, Environment, the image Config, and the File Explorer. A
 * frame's id is its thread's: one frame per stage.
 */
final class Inspector {
    private final Session session;
    private final Path dockerfile;
    private final VariableStore store;

    Inspector(Session session, Path dockerfile, VariableStore store) {
        this.session = session;
        this.dockerfile = dockerfile.toAbsolutePath().normalize();
        this.store = store;
    }

    StackFrame frame(int threadId) {
        StageRun run = run(threadId);
        Instruction at = instructionAt(run);
        StackFrame f = new StackFrame();
        f.setId(threadId);
        f.setName(Debugger.describeNext(run).replace(run.label() + " ", run.label() + ", ")
                + (run.failure() != null ? " (failed)" : ""));
        Source source = new Source();
        source.setName(dockerfile.getFileName().toString());
        source.setPath(dockerfile.toString());
        f.setSource(source);
        f.setLine(at.node().startLine());
        f.setColumn(1);
        f.setEndLine(at.node().endLine());
        return f;
    }

    /** The step a stage's frame shows: the failed one, the next one, or the last one at the stage's end. */
    private static Instruction instructionAt(StageRun run) {
        if (run.failure() != null) {
            return run.steps().get(run.failure().step() - 1);
        }
        Instruction next = run.next();
        if (next != null) {
            return next;
        }
        // at the end: the stage's last step of the Dockerfile (one kept from a shell has no line there)
        for (int i = run.total() - 1; i > 0; i--) {
            if (!run.keptFromShell(run.steps().get(i))) {
                return run.steps().get(i);
            }
        }
        return run.steps().get(0);
    }

    List<Scope> scopes(int frameId) {
        StageRun run = run(frameId);
        List<Scope> out = new ArrayList<>();
        out.add(scope("Arguments", "arguments", () -> toVariables(StepArguments.of(arguments(run))), false));
        out.add(scope("Environment", "locals", () -> toVariables(Entry.map("env", environment(run)).children()), false));
        out.add(scope("Config", null, () -> {
            Snapshot s = run.current();
            return s == null ? List.of(VariableStore.leaf("config", "(the FROM has not run yet)"))
                    : toVariables(((Entry.Group) Entry.json("config", ConfigJson.of(s.config()))).children());
        }, false));
        out.add(scope("File Explorer", null, () -> {
            Snapshot s = run.current();
            if (s == null) {
                return List.of(VariableStore.leaf("/", "(the FROM has not run yet: no filesystem)"));
            }
            return new FileExplorer(session.files(s), store).list("/");
        }, true));
        return out;
    }

    private Scope scope(String name, String hint, Supplier<List<Variable>> children, boolean expensive) {
        Scope s = new Scope();
        s.setName(name);
        s.setPresentationHint(hint);
        s.setVariablesReference(store.add(children));
        s.setExpensive(expensive);
        return s;
    }

    private StepArguments.Inputs arguments(StageRun run) {
        String platform = session.engine().platform();
        Instruction at = instructionAt(run);
        String text = at.node().original().strip();
        int line = at.node().startLine();
        if (run.failure() != null) {
            return new StepArguments.Inputs(platform, line, text, null, null, Map.of(), run.failure(), null);
        }
        Instruction next = run.next();
        if (next == null) {
            return new StepArguments.Inputs(platform, line, "(" + run.label() + " is done)", null, null, Map.of(), null, null);
        }
        if (!run.started()) {
            String image;
            try {
                image = session.buildArgs().expandFrom(run.stage()).image();
            } catch (DockerfileException e) {
                image = e.getMessage();
            }
            return new StepArguments.Inputs(platform, line, text, next, null, Map.of(), null, image);
        }
        VariableScope scope = session.scopeBefore(run, run.position());
        Instruction expanded;
        try {
            expanded = scope.expand(next);
        } catch (DockerfileException e) {
            expanded = next;
        }
        return new StepArguments.Inputs(platform, line, text, expanded, run.current().config(), scope.runEnv(), null, null);
    }

    private Map<String, String> environment(StageRun run) {
        if (run.failure() != null) {
            return run.failure().env();
        }
        if (!run.started()) {
            return session.buildArgs().globals();
        }
        return session.scopeBefore(run, run.position()).runEnv();
    }

    List<Variable> toVariables(List<Entry> entries) {
        List<Variable> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e instanceof Entry.Leaf l) {
                out.add(VariableStore.leaf(l.name(), l.value()));
            } else if (e instanceof Entry.Group g) {
                out.add(VariableStore.node(g.name(), g.summary(), store.add(() -> toVariables(g.children()))));
            }
        }
        return out;
    }

    private StageRun run(int threadId) {
        int index = threadId - 1;
        List<StageRun> runs = session.stages();
        if (index < 0 || index >= runs.size()) {
            throw new dev.stagesh.StageshException("no thread " + threadId);
        }
        return runs.get(index);
    }
}
