package dev.stagesh.dockerfile.instructions;

import java.util.Objects;

/** One ENV or LABEL pair, unexpanded (quotes still in place) until {@link Instruction#expand} is applied. */
public record KeyValue(String key, String value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
