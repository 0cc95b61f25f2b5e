package dev.stagesh.dap;

import dev.stagesh.StageshException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The variables references handed out while the debugger is stopped: each names a container
 * whose children are computed when the editor first opens it (a directory of the File Explorer
 * is read only then) and kept until the next stop, when every reference becomes invalid, as DAP
 * says.
 */
final class VariableStore {
    private final List<Supplier<List<Variable>>> containers = new ArrayList<>();
    private final List<List<Variable>> computed = new ArrayList<>();
    /** References of earlier stops are never reused: an editor asking late gets an error, not another's children. */
    private int base;

    synchronized int add(Supplier<List<Variable>> children) {
        containers.add(children);
        computed.add(null);
        return base + containers.size();
    }

    /** The children of a reference; computing them may add references, so this is not under the lock. */
    List<Variable> children(int reference) {
        Supplier<List<Variable>> supplier;
        synchronized (this) {
            int index = reference - base - 1;
            if (index < 0 || index >= containers.size()) {
                throw new StageshException("variables: reference " + reference + " is not valid (it was from an earlier stop)");
            }
            List<Variable> done = computed.get(index);
            if (done != null) {
                return done;
            }
            supplier = containers.get(index);
        }
        List<Variable> out = List.copyOf(supplier.get());
        synchronized (this) {
            int index = reference - base - 1;
            if (index >= 0 && index < computed.size()) {
                computed.set(index, out);
            }
        }
        return out;
    }

    synchronized void clear() {
        base += containers.size();
        containers.clear();
        computed.clear();
    }

    static Variable leaf(String name, String value) {
        return node(name, value, 0);
    }

    static Variable node(String name, String value, int reference) {
        Variable v = new Variable();
        v.setName(name);
        v.setValue(value == null ? "" : value);
        v.setVariablesReference(reference);
        return v;
    }
}
