package dev.stagesh.dockerfile;

import java.util.Locale;
import java.util.Objects;

/**
 * An OCI platform such as {@code linux/amd64} or {@code linux/arm64/v8}; {@code variant} is "" when absent.
 */
public record Platform(String os, String architecture, String variant) {
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        variant = variant == null ? "" : variant;
    }

    /** Parses {@code os/arch[/variant]}; throws DockerfileException when malformed. */
    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new DockerfileException("invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** {@code os/arch[/variant]}. */
    public String format() {
        return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }

    @Override
    public String toString() {
        return format();
    }
}
