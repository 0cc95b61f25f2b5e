package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.Instruction;

import java.util.List;
import java.util.Objects;

/**
 * One build stage: its FROM and the instructions after it, up to the next FROM.
 *
 * @param index        0-based position in the file
 * @param name         the {@code AS} name, lower-cased as BuildKit does; null when the stage has none
 * @param from         the FROM instruction (unexpanded; see {@link BuildArgs#expandFrom})
 * @param instructions the instructions after FROM, in order
 */
public record Stage(int index, String name, Instruction.From from, List<Instruction> instructions) {
    public Stage {
        Objects.requireNonNull(from, "from");
        instructions = List.copyOf(instructions);
    }

    /** {@code 0 (build)} for a named stage, {@code 1} for an unnamed one. */
    public String displayName() {
        return name == null ? Integer.toString(index) : index + " (" + name + ")";
    }
}
