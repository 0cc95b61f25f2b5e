package dev.stagesh.dockerfile.instructions;

import java.util.Objects;

/** One {@code ARG name[=default]} declaration; {@code defaultValue} is null when no {@code =} was written. */
public record ArgDecl(String name, String defaultValue) {
    public ArgDecl {
        Objects.requireNonNull(name, "name");
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
