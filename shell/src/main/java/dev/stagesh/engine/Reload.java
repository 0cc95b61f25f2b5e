package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.Node;
import java.util.List;
import java.util.Objects;

/** Which steps survive an edit of the Dockerfile: the unchanged ones before the first change. */
final class Reload {
    private Reload() {}

    /** How many leading steps are the same instruction in both (position in the file may differ). */
    static int unchangedPrefix(List<Instruction> before, List<Instruction> after) {
        int n = Math.min(before.size(), after.size());
        for (int i = 0; i < n; i++) {
            if (!same(before.get(i).node(), after.get(i).node())) {
                return i;
            }
        }
        return n;
    }

    private static boolean same(Node a, Node b) {
        return a.original().strip().equals(b.original().strip())
                && a.heredocs().equals(b.heredocs())
                && Objects.equals(a.onbuildTrigger() == null ? null : a.onbuildTrigger().original(),
                        b.onbuildTrigger() == null ? null : b.onbuildTrigger().original());
    }
}
